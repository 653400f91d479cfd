using System.Net;

namespace DoiThoai.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class NoticePolicyApiTests(PlatformFactory platform)
{
    private readonly HttpClient _client = platform.CreateClient();

    [Fact]
    public async Task A_province_sets_its_default_and_its_communes_follow_it()
    {
        var set = await (await _client.PutJsonAsync("/api/provinces/12/notice-policy", """{"minimumNoticeDays": 10, "dayKind": "working"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(10, set.GetProperty("minimumNoticeDays").GetInt32());

        var commune = await (await _client.Get("/api/communes/" + FirstCommune("12"))).JsonAsync(HttpStatusCode.OK);
        var effective = commune.GetProperty("effectivePolicies")[0];
        Assert.Equal((10, "working"), (effective.GetProperty("minimumNoticeDays").GetInt32(), effective.Str("dayKind")));
        var readBack = await (await _client.Get("/api/provinces/12/notice-policy")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("working", readBack.Str("dayKind"));
    }

    [Fact]
    public async Task A_commune_makes_it_stricter_and_can_return_to_the_province_default()
    {
        var own = await (await _client.PutJsonAsync("/api/communes/10993/notice-policy", """{"minimumNoticeDays": 7, "dayKind": "working"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("working", own.GetProperty("effectivePolicies")[0].Str("dayKind"));

        var cleared = await (await _client.Delete("/api/communes/10993/notice-policy")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("ownPolicy").ValueKind);
        Assert.Equal("calendar", cleared.GetProperty("effectivePolicies")[0].Str("dayKind"));
    }

    [Fact]
    public async Task A_commune_may_not_loosen_the_province_default()
    {
        var problem = await (await _client.PutJsonAsync("/api/communes/10714/notice-policy", """{"minimumNoticeDays": 3, "dayKind": "calendar"}""")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("chặt hơn", problem.Str("detail"), StringComparison.Ordinal);
        var commune = await (await _client.Get("/api/communes/10714")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, commune.GetProperty("ownPolicy").ValueKind);
    }

    [Theory]
    [InlineData("""{"minimumNoticeDays": 5, "dayKind": "calendar"}""")]
    [InlineData("""{"minimumNoticeDays": 6, "dayKind": "working"}""")]
    public async Task Dieu_43_a_province_may_not_ask_for_less_than_seven_days_notice(string body)
    {
        var problem = await (await _client.PutJsonAsync("/api/provinces/11/notice-policy", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Điều 43", problem.Str("detail"), StringComparison.Ordinal);
        var policy = await (await _client.Get("/api/provinces/11/notice-policy")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((7, "calendar"), (policy.GetProperty("minimumNoticeDays").GetInt32(), policy.Str("dayKind")));
    }

    [Theory]
    [InlineData("""{"minimumNoticeDays": 0, "dayKind": "calendar"}""")]
    [InlineData("""{"minimumNoticeDays": 61, "dayKind": "calendar"}""")]
    [InlineData("""{"minimumNoticeDays": 7, "dayKind": "lunar"}""")]
    [InlineData("""{"minimumNoticeDays": "seven", "dayKind": "calendar"}""")]
    [InlineData("""{"minimumNoticeDays": 7}""")]
    [InlineData("""{"minimumNoticeDays": 7, "dayKind": 1}""")]
    [InlineData("""{"minimumNoticeDays": 7, "dayKind": "calendar", "extra": true}""")]
    [InlineData("not json")]
    public async Task A_malformed_policy_is_a_400_problem_and_changes_nothing(string body)
    {
        await (await _client.PutJsonAsync("/api/provinces/11/notice-policy", body)).ProblemAsync(HttpStatusCode.BadRequest);

        var policy = await (await _client.Get("/api/provinces/11/notice-policy")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((7, "calendar"), (policy.GetProperty("minimumNoticeDays").GetInt32(), policy.Str("dayKind")));
    }

    private static string FirstCommune(string province) =>
        Domain.AdminUnits.AdminUnitRegistry.Official.FindProvince(province)!.Communes[0].Code;
}
