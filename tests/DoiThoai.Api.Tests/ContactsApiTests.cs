using System.Net;
using System.Text;

namespace DoiThoai.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class ContactsApiTests(PlatformFactory platform)
{
    private readonly HttpClient _client = platform.CreateClient();

    private Task<HttpResponseMessage> ImportAsync(string commune, string csv, string contentType = "text/csv") =>
        _client.PostAsync($"/api/communes/{commune}/contacts/import", new StringContent(csv, Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

    /// <summary>200 residents over 4 hamlets, then 5 lines that must be refused.</summary>
    private static string CommuneList()
    {
        var csv = new StringBuilder("Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n");
        for (var i = 0; i < 200; i++)
        {
            csv.Append($"Người dân {i},người dân,Thôn {i % 4 + 1},09{i:D8},nguoidan{i}@example.vn,có,{(i % 10 == 0 ? "không" : "có")}\n");
        }

        csv.Append("Đại biểu A,đại biểu,Thôn 1,0912 000 001,,có,\n");
        csv.Append("Trùng số,người dân,Thôn 2,0900000005,,có,\n");   // same phone as resident 5
        csv.Append("Số bàn,người dân,Thôn 2,0243 825 1234,,có,\n");   // landline
        csv.Append("Sai email,người dân,Thôn 3,,khong-phai-email,,có\n");
        csv.Append(",người dân,Thôn 3,0987000111,,có,\n");            // no name
        csv.Append("Vai trò lạ,chủ tịch,Thôn 4,0987000222,,có,\n");
        return csv.ToString();
    }

    [Fact]
    public async Task A_commune_imports_its_list_and_sees_each_refused_line_with_its_reason()
    {
        var report = await (await ImportAsync("00145", CommuneList())).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((201, 5, 201), (report.GetProperty("added").GetInt32(), report.GetProperty("rejected").GetInt32(), report.GetProperty("total").GetInt32()));
        var refused = report.GetProperty("rejectedRows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("line").GetInt32(), r => string.Join(" ", r.GetProperty("errors").EnumerateArray().Select(e => e.GetString())));
        Assert.Equal([203, 204, 205, 206, 207], refused.Keys.Order());
        Assert.Contains("Trùng số điện thoại 09xx xxx 005: dòng 7", refused[203], StringComparison.Ordinal);
        Assert.Contains("không phải số di động", refused[204], StringComparison.Ordinal);

        // Importing the same file again adds no one: every line is now a duplicate, and the file is refused as a whole.
        var again = await (await ImportAsync("00145", CommuneList())).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Trùng số điện thoại 09xx xxx 000", again.GetProperty("errors").GetProperty("line 2")[0].GetString(), StringComparison.Ordinal);
        var list = await (await _client.Get("/api/communes/00145/contacts")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(201, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Lists_mask_phone_numbers_and_addresses_and_filter_by_hamlet_and_role()
    {
        await (await ImportAsync("00160", CommuneList())).JsonAsync(HttpStatusCode.OK);

        var hamlet2 = await (await _client.Get("/api/communes/00160/contacts?hamlet=Thôn 2&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(50, hamlet2.GetProperty("total").GetInt32());
        var first = hamlet2.GetProperty("items")[0];
        Assert.Equal("09xx xxx 001", first.Str("phone"));
        Assert.Equal("ng***@example.vn", first.Str("email"));
        Assert.DoesNotContain("0900000001", hamlet2.ToString(), StringComparison.Ordinal);

        var delegates = await (await _client.Get("/api/communes/00160/contacts?role=delegate")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Đại biểu A", Assert.Single(delegates.GetProperty("items").EnumerateArray()).Str("fullName"));

        var page2 = await (await _client.Get("/api/communes/00160/contacts?page=2&pageSize=100")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((201, 100), (page2.GetProperty("total").GetInt32(), page2.GetProperty("items").GetArrayLength()));

        await (await _client.Get("/api/communes/00160/contacts?role=mayor")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.Get("/api/communes/00160/contacts?pageSize=1000")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task One_person_can_withdraw_consent_see_their_data_and_have_it_deleted()
    {
        await (await ImportAsync("00166", "Họ tên,Thôn,SĐT,Email,Đồng ý SMS,Đồng ý email\nTrần Văn Hải,Tổ 3,0912345678,hai@example.vn,có,có\n")).JsonAsync(HttpStatusCode.OK);
        var list = await (await _client.Get("/api/communes/00166/contacts")).JsonAsync(HttpStatusCode.OK);
        var id = list.GetProperty("items")[0].Str("id");

        var whole = await (await _client.Get($"/api/communes/00166/contacts/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("+84912345678", "hai@example.vn"), (whole.Str("phone"), whole.Str("email")));

        var withdrawn = await (await _client.PutJsonAsync($"/api/communes/00166/contacts/{id}/consent", """{"sms": false}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((false, true), (withdrawn.GetProperty("smsConsent").GetBoolean(), withdrawn.GetProperty("emailConsent").GetBoolean()));

        var deleted = await _client.Delete($"/api/communes/00166/contacts/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await _client.Get($"/api/communes/00166/contacts/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.Delete($"/api/communes/00166/contacts/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_commune_never_sees_another_communes_contacts()
    {
        await (await ImportAsync("00175", "Họ tên,Thôn,SĐT,Đồng ý SMS\nLý Thị Mai,Tổ 1,0912777888,có\n")).JsonAsync(HttpStatusCode.OK);
        var id = (await (await _client.Get("/api/communes/00175/contacts")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].Str("id");

        var other = await (await _client.Get("/api/communes/00190/contacts")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, other.GetProperty("total").GetInt32());
        await (await _client.Get($"/api/communes/00190/contacts/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_CSV_is_refused_and_adds_no_one()
    {
        await (await ImportAsync("00199", "{\"name\": \"x\"}", "application/json")).ProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var latin1 = new ByteArrayContent([.. Encoding.Latin1.GetBytes("Họ tên,Thôn,SĐT\nNguy\u00ean,T\u00f4 1,0912000999\n")]);
        latin1.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var response = await _client.PostAsync("/api/communes/00199/contacts/import", latin1, TestContext.Current.CancellationToken);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", problem.Str("detail"), StringComparison.Ordinal);

        var list = await (await _client.Get("/api/communes/00199/contacts")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_list_over_the_import_limit_is_refused_with_413()
    {
        var huge = "Họ tên,Thôn,SĐT\n" + string.Concat(Enumerable.Repeat("Nguyễn Văn A,Thôn 1,0912345678\n", 160_000));

        await (await ImportAsync("00199", huge)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
