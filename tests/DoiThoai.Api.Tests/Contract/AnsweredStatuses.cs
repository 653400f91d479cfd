using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoiThoai.Api.Tests.Contract;

/// <summary>
/// Every status the platform answered during the tests, per operation (the endpoint's name is its operationId), so
/// that what the suite saw can be held against what the published contract declares.
/// </summary>
public sealed class AnsweredStatuses
{
    private readonly ConcurrentDictionary<(string Operation, int Status), string> _seen = new();

    public void Record(string operation, int status, string request) => _seen.TryAdd((operation, status), request);

    /// <summary>Statuses answered that the document does not declare for that operation, each with a request that got it.</summary>
    public IReadOnlyList<string> Undeclared(JsonElement document)
    {
        var declared = new HashSet<(string, int)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("operationId", out var id))
                {
                    continue;
                }

                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject())
                {
                    declared.Add((id.GetString()!, int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }

        return [.. _seen
            .Where(seen => !declared.Contains(seen.Key))
            .Select(seen => $"{seen.Key.Operation} answered {seen.Key.Status} (e.g. {seen.Value})")
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Runs first in the pipeline and notes the status each named endpoint answered with, errors handled included.</summary>
    public sealed class Filter(AnsweredStatuses statuses) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                await following(context);
                var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
                if (endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>() is { } name)
                {
                    statuses.Record(name.EndpointName, context.Response.StatusCode, $"{context.Request.Method} {context.Request.Path}");
                }
            });
            next(app);
        };
    }
}
