using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Api.Infrastructure;

/// <summary>Turns a refused command into an RFC 7807 problem with the status a client can act on.</summary>
public static class Problems
{
    public const string TypeBase = "https://doithoai.gov.vn/problems/";

    public static ProblemHttpResult From(CommandProblem problem)
    {
        ApiMetrics.Refused(problem.Kind);
        var (status, type, title) = problem.Kind switch
        {
            ProblemKind.NotFound => (StatusCodes.Status404NotFound, "not-found", "Không tìm thấy"),
            ProblemKind.Invalid => (StatusCodes.Status400BadRequest, "invalid-input", "Dữ liệu không hợp lệ"),
            ProblemKind.NoticeTooShort => (StatusCodes.Status422UnprocessableEntity, "notice-too-short", "Không đủ thời hạn thông báo trước"),
            ProblemKind.PolicyViolation => (StatusCodes.Status422UnprocessableEntity, "policy-violation", "Trái quy định về tổ chức đối thoại"),
            ProblemKind.Clash => (StatusCodes.Status409Conflict, "venue-clash", "Trùng lịch tại địa điểm"),
            ProblemKind.WrongState => (StatusCodes.Status409Conflict, "wrong-state", "Trạng thái không cho phép"),
            ProblemKind.TooMany => (StatusCodes.Status429TooManyRequests, "too-many-requests", "Quá nhiều yêu cầu"),
            _ => (StatusCodes.Status400BadRequest, "invalid-input", "Yêu cầu không hợp lệ"),
        };
        var details = new ProblemDetails
        {
            Status = status,
            Type = TypeBase + type,
            Title = title,
            Detail = problem.Message,
        };
        if (problem.Errors is { Count: > 0 } errors)
        {
            details.Extensions["errors"] = errors;
        }

        if (problem.EarliestAllowedStart is { } earliest)
        {
            details.Extensions["earliestAllowedStart"] = earliest;
        }

        if (problem.ConflictingSessionId is { } conflicting)
        {
            details.Extensions["conflictingSessionId"] = conflicting;
        }

        return TypedResults.Problem(details);
    }

    /// <summary>Awaits a grain command and answers 200 with its value, or the problem that refused it.</summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> AsHttpAsync<T>(this Task<CommandResult<T>> command)
    {
        var result = await command;
        return result.Succeeded ? TypedResults.Ok(result.Value!) : From(result.Problem!);
    }

    /// <summary>Input quoted back in a message, cut short: a client's mistake is named, not replayed.</summary>
    public static string Echo(string? text, int max = 20) =>
        text is null ? "" : text.Length <= max ? text : text[..max] + "…";

    public static ProblemHttpResult SessionNotFound(string sessionId) =>
        NotFound($"Không tìm thấy phiên đối thoại {Echo(sessionId)}.");

    public static ProblemHttpResult NotFound(string detail) =>
        From(new CommandProblem(ProblemKind.NotFound, detail));

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status403Forbidden,
        Type = TypeBase + "forbidden",
        Title = ForbiddenTitle,
        Detail = detail,
    });

    private const string ForbiddenTitle = "Không có quyền";

    /// <summary>Words a person can act on for the refusals the framework answers itself (no token, not allowed).</summary>
    public static void DescribeFrameworkProblem(ProblemDetails details)
    {
        if (details.Detail is not null)
        {
            return;
        }

        (details.Type, details.Title, details.Detail) = details.Status switch
        {
            StatusCodes.Status401Unauthorized => (TypeBase + "unauthenticated", "Chưa xác thực",
                "Cần một mã truy cập hợp lệ, còn hạn (tiêu đề Authorization: Bearer …)."),
            StatusCodes.Status403Forbidden => (TypeBase + "forbidden", ForbiddenTitle,
                "Mã truy cập của bạn không cho phép thao tác này trên đơn vị này."),
            _ => (details.Type, details.Title, details.Detail),
        };
    }

    public static ProblemHttpResult Invalid(string field, string message) =>
        From(new CommandProblem(ProblemKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] }));
}
