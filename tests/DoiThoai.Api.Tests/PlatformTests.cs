using System.Net;

namespace DoiThoai.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class PlatformTests(PlatformFactory platform)
{
    private readonly HttpClient _client = platform.CreateClient();

    [Fact]
    public async Task Health_answers_200_once_the_silo_and_its_storage_answer()
    {
        var response = await _client.Get("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_session_endpoints_and_the_reference_page_is_served()
    {
        var document = await (await _client.Get("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/communes/{code}/sessions", out _));
        Assert.True(paths.TryGetProperty("/api/holidays/{year}", out _));

        var page = await _client.Get("/api/docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.ContentType()?.MediaType);
    }
}
