using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Api.Infrastructure;

/// <summary>
/// Refuses request bodies over the limit with a 413 problem: at once when Content-Length says so, and through the
/// server's own limit for bodies sent without a length. Applies whatever server hosts the API.
/// </summary>
public static class RequestSizeLimit
{
    /// <summary>Gives the endpoints of a builder a body limit of their own (e.g. a file import).</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(maxBytes));

    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long defaultMaxBytes) =>
        app.Use(async (context, next) =>
        {
            var maxBytes = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? defaultMaxBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = maxBytes;
            }

            if (context.Request.ContentLength > maxBytes)
            {
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Type = Problems.TypeBase + "too-large",
                    Title = "Yêu cầu quá lớn",
                    Detail = $"Nội dung yêu cầu vượt quá giới hạn {maxBytes / 1024} KiB.",
                };
                await TypedResults.Problem(problem).ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
