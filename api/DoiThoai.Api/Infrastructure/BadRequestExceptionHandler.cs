using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Api.Infrastructure;

/// <summary>
/// Malformed requests (unreadable JSON, a wrong type, a missing field, a query parameter that does not parse, a body
/// too large) become a 400 or 413 problem that says what was wrong, in the API's words: never the serializer's or the
/// binder's, which name .NET types.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var status = badRequest.StatusCode;
        var json = FindJsonError(badRequest);
        var details = new ProblemDetails
        {
            Status = status,
            Type = Problems.TypeBase + (status == StatusCodes.Status413PayloadTooLarge ? "too-large" : "malformed-request"),
            Title = status == StatusCodes.Status413PayloadTooLarge ? "Yêu cầu quá lớn" : "Yêu cầu không đọc được",
            Detail = json is not null ? $"Nội dung JSON không hợp lệ tại '{json.Path ?? "$"}': {Explain(json)}"
                : ParameterOf(badRequest) is { } parameter ? $"Tham số '{parameter}' không đúng định dạng."
                : "Nội dung yêu cầu không đúng định dạng JSON mong đợi.",
        };

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    private static JsonException? FindJsonError(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    /// <summary>The serializer's own words are technical; keep ours when we wrote them, else say it plainly.</summary>
    private static string Explain(JsonException json) =>
        json is ApiJson.InputException
            ? json.Message
            : "sai kiểu dữ liệu, thiếu trường bắt buộc, giá trị không được chấp nhận hoặc có trường không được hỗ trợ.";

    /// <summary>The query or route parameter ASP.NET Core could not bind ("Failed to bind parameter "DateOnly? by" from …").</summary>
    private static string? ParameterOf(BadHttpRequestException error) =>
        System.Text.RegularExpressions.Regex.Match(error.Message, "^Failed to bind parameter \"[^\"]*?(\\w+)\" from") is { Success: true } match
            ? match.Groups[1].Value
            : null;
}
