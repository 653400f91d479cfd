using System.Data.Common;
using System.Net.Sockets;
using DoiThoai.Grains.Abstractions.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Messaging;
using Orleans.Runtime;
using Orleans.Serialization;

namespace DoiThoai.Api.Infrastructure;

/// <summary>
/// While the database restarts or a silo is lost, a request fails with 503 and Retry-After, a problem that says it is
/// temporary and safe to repeat, instead of a 500. Nothing was changed: grains write before they answer, and a write
/// that failed leaves memory as storage has it. The one exception is a write sent without an answer that storage could
/// not be asked about in time (<see cref="StorageOutcomeUnknownException"/>), or a change whose call to its grain got
/// no answer in time (a silo cut off from the others): also 503, but saying that the change may have been made, so
/// that the officer looks before repeating it.
/// </summary>
public sealed partial class UnavailableExceptionHandler(IProblemDetailsService problems, ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (TransientCause(exception) is not { } cause)
        {
            return false;
        }

        LogUnavailable(logger, cause.GetType().Name, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A change whose grain call timed out may have been made (the call was sent, only its answer is missing).
        var unknown = cause is StorageOutcomeUnknownException
            || (cause is TimeoutException && !HttpMethods.IsGet(httpContext.Request.Method) && !HttpMethods.IsHead(httpContext.Request.Method));
        var (type, title, detail) = unknown
            ? ("outcome-unknown", "Chưa xác định được kết quả",
                $"Hệ thống lưu trữ bị gián đoạn đúng lúc ghi thay đổi này, nên chưa xác định được thay đổi đã được lưu hay chưa. Sau {RetryAfterSeconds} giây, vui lòng xem lại dữ liệu trước khi thực hiện lại.")
            : ("temporarily-unavailable", "Hệ thống tạm thời gián đoạn",
                $"Hệ thống đang tạm thời không truy cập được dữ liệu; yêu cầu chưa được thực hiện và không có gì bị thay đổi. Vui lòng thử lại sau {RetryAfterSeconds} giây.");
        var details = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Type = Problems.TypeBase + type, Title = title, Detail = detail };
        details.Extensions["retryable"] = !unknown;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The first cause in the chain that passes with time: a database or network failure, a silo gone.</summary>
    public static Exception? TransientCause(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            switch (current)
            {
                case StorageUnavailableException:
                case StorageOutcomeUnknownException:
                case DbException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                case SiloUnavailableException:
                case OrleansMessageRejectionException:
                case ConnectionFailedException:
                // A grain's write refused because storage holds a newer state: a second activation of it lives on
                // another silo (this one cut off from its peers, about to be declared dead). Nothing was written; the
                // stale activation is dropped, and a retry reaches the live one.
                case Orleans.Storage.InconsistentStateException:
                // A grain on another silo failed with a type this silo is not allowed to deserialize: judged by its name.
                case UnavailableExceptionFallbackException { ExceptionType: { } type } when type.Contains("Npgsql", StringComparison.Ordinal) || type.Contains("Socket", StringComparison.Ordinal):
                    return current;
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 to {Method} {Path}: {Cause}, a transient failure")]
    private static partial void LogUnavailable(ILogger logger, string cause, string method, string path);
}
