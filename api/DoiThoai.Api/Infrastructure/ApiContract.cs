using System.Globalization;
using DoiThoai.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace DoiThoai.Api.Infrastructure;

/// <summary>
/// The API's published contract (<c>/openapi/v1.json</c>) and its reference page (<c>/api/docs</c>): ASP.NET Core's
/// generator, completed with what it cannot know from the handlers: the bearer scheme and which operations are
/// anonymous, the problem+json answers every operation can give (from its metadata: a token needed → 401/403/429, a body →
/// 400/413, a route parameter → 404, a rate limit → 429, storage → 503) besides those an endpoint declares itself
/// (409, 422), and what each tag is for. Every operation names itself with <see cref="Describe"/>.
/// </summary>
public static class ApiContract
{
    public const string BearerScheme = "Bearer";
    private const string ProblemSchema = "Problem";
    private const string ProblemContentType = "application/problem+json";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Provinces"] = "The provinces and their communes; a province's overview, notice and SMS policies and weekly digest.",
        ["Communes"] = "A commune or ward: its identity and the notice lead times it sets above the province's.",
        ["Sessions"] = "A commune's dialogue calendar: scheduling (periodic, thematic, urgent) under the legal notice rules, rescheduling, cancelling, holding, and the notices each session sends.",
        ["Results"] = "What a dialogue concluded: the conclusion notice (draft, signature, PDF), its publication and the follow-ups it assigns.",
        ["Documents"] = "The documents the law requires for a session (invitation, minutes, conclusion), generated as PDF and DOCX.",
        ["Holidays"] = "Public holidays of a year, which the notice rules skip when counting working days.",
        ["Contacts"] = "Residents' and delegates' contacts of a commune, with their consent per channel (personal data).",
        ["Loudspeakers"] = "The hamlets' loudspeaker stations a commune's announcements are played on.",
        ["Petitions"] = "Petitions raised at a session, followed to their answer (acknowledged, assigned, escalated, answered).",
        ["Speakers"] = "Residents' registrations to speak at a session, from the public page or at the desk, and their order.",
        ["Preparation"] = "A session's preparation: its agenda and the milestones before the day.",
        ["Invitees"] = "Who is invited to a session: groups with quotas per hamlet, their members and the hamlet heads' lists.",
        ["Instructions"] = "A province's instructions to its communes, acknowledged and done by each.",
        ["Dialogue requests"] = "Residents' requests for a dialogue, their signatures, and the session that answers them.",
        ["Audit"] = "Who did what: every change and every read of personal data, per province and nationally.",
        ["Tokens"] = "Access tokens: issued by an administrator for a role and a unit, listed and revoked.",
        ["Cluster"] = "The cluster's silos, and the signed-in session the operators' dashboard uses.",
        ["Public"] = "What anyone may read without signing in: a commune's public page and a petition's progress.",
    };

    private static readonly Dictionary<int, string> ProblemDescriptions = new()
    {
        [StatusCodes.Status400BadRequest] = "The request is malformed; `errors` names each field and what is wrong with it. Nothing was changed.",
        [StatusCodes.Status401Unauthorized] = "No token, or an expired or revoked one.",
        [StatusCodes.Status403Forbidden] = "The token's role or unit does not allow this.",
        [StatusCodes.Status404NotFound] = "The province, commune, session or item does not exist.",
        [StatusCodes.Status409Conflict] = "The item's state does not allow this (e.g. a cancelled session), or the venue is taken at that time (`conflictingSessionId`).",
        [StatusCodes.Status413PayloadTooLarge] = "The body is larger than this operation accepts. Nothing was changed.",
        [StatusCodes.Status422UnprocessableEntity] = "Refused by the legal rules, e.g. a notice shorter than the lead time (`earliestAllowedStart` is the earliest start allowed). Nothing was changed.",
        [StatusCodes.Status429TooManyRequests] = "Too many requests from this address; try again after `Retry-After` seconds.",
        [StatusCodes.Status503ServiceUnavailable] = "Storage or the cluster is briefly unavailable; nothing was changed, retry after `Retry-After` seconds.",
    };

    /// <summary>Names an operation in the contract: its operationId (also the endpoint's name) and a one-line summary.</summary>
    public static TBuilder Describe<TBuilder>(this TBuilder builder, string operationId, string summary)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithName(operationId).WithSummary(summary);

    /// <summary>Declares the refusals an operation's rules can answer besides those every operation of its shape can (409, 422).</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>Declares the file an operation answers with, by content type (one of several when it has several formats).</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType, params string[] others) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentType, others);

    public static IServiceCollection AddDoiThoaiApiContract(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                Complete(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                Complete(operation, context);
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapDoiThoaiApiContract(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().Public(); // /openapi/v1.json
        app.MapScalarApiReference(ToolPageHeaders.DocsPath, options =>
        {
            options.Title = "DoiThoai Cluster API";
            options.AddPreferredSecuritySchemes(BearerScheme);
            options.PersistentAuthentication = false; // a token typed into the page is not kept in the browser
            // Nothing leads off this machine: no hosted API client, no fonts or telemetry from a CDN, no AI agent.
            options.HideClientButton = true;
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never; // "Share", "Generate SDK", "Deploy": Scalar's services
            // Links elsewhere ("Powered by Scalar", a status code's page on MDN): the page's own links are relative.
            options.CustomCss = "a[href^='https://'], a[href^='http://'] { display: none !important; }";
            options.DefaultFonts = false;
            options.Telemetry = false;
            options.DisableAgent();
            options.DisableMcp();
            options.WithNonce(); // its inline script runs under the page's Content-Security-Policy (ToolPageHeaders)
        }).Public();
        return app;
    }

    private static void Complete(OpenApiDocument document)
    {
        document.Info.Title = "DoiThoai Cluster API";
        document.Info.Description = "Citizen dialogues (hội nghị đối thoại) of Vietnam's communes and wards: their calendars under the legal notice rules, "
            + "the notices they send, their results and petitions. Errors are RFC 7807 problems whose `detail` a person can read (in Vietnamese).";
        document.Info.License = new OpenApiLicense { Name = "Proprietary, for the provinces' offices", Identifier = "LicenseRef-DoiThoai" };

        // Relative to wherever the document was read from (a province's host, a proxy's path), not the address the
        // request happened to reach: the silo's own address is not where clients call it.
        foreach (var server in document.Servers ?? [])
        {
            var path = Uri.TryCreate(server.Url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : server.Url ?? "/";
            server.Url = path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token an administrator issued (POST /api/tokens) for a role and a unit; the national administrator's bootstrap token.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.Remove("ProblemDetails"); // what ProducesProblem declares: every problem refers to ours
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 7807 problem: `title` is generic, `detail` says in Vietnamese what a person can do.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Per field (400): what is wrong with it.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["earliestAllowedStart"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = "date-time",
                    Description = "Notice too short (422): the earliest start the legal lead time allows.",
                },
                ["conflictingSessionId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Venue taken (409): the session holding it." },
            },
        };

        var used = (document.Paths ?? [])
            .SelectMany(path => path.Value.Operations ?? [])
            .SelectMany(operation => operation.Value.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag
        {
            Name = name,
            Description = TagDescriptions.TryGetValue(name, out var description)
                ? description
                : throw new InvalidOperationException($"The tag '{name}' has no description in {nameof(ApiContract)}."),
        }));
    }

    private static void Complete(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (anonymous)
        {
            operation.Security = []; // no token needed
        }

        var statuses = new SortedSet<int> { StatusCodes.Status503ServiceUnavailable };
        if (!anonymous)
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
            statuses.Add(StatusCodes.Status403Forbidden);
            statuses.Add(StatusCodes.Status429TooManyRequests); // failed sign-ins from the address (SignInThrottle)
        }

        var parameters = description.ParameterDescriptions;
        var hasBody = parameters.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form)
            || metadata.OfType<IAcceptsMetadata>().Any();
        if (hasBody)
        {
            statuses.Add(StatusCodes.Status400BadRequest);
            statuses.Add(StatusCodes.Status413PayloadTooLarge);
        }

        if (parameters.Any(p => p.Source == BindingSource.Query))
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        if (parameters.Any(p => p.Source == BindingSource.Path))
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            statuses.Add(StatusCodes.Status429TooManyRequests);
        }

        operation.Responses ??= new OpenApiResponses();
        foreach (var declared in operation.Responses.Keys.Select(key => int.TryParse(key, CultureInfo.InvariantCulture, out var status) ? status : 0))
        {
            if (ProblemDescriptions.ContainsKey(declared))
            {
                statuses.Add(declared); // declared by the endpoint (ProducesProblem): described like the others
            }
        }

        foreach (var status in statuses)
        {
            var response = new OpenApiResponse
            {
                Description = ProblemDescriptions[status],
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemContentType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                },
            };
            if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    },
                };
            }

            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = response;
        }

        if (operation.OperationId is null || operation.Summary is null)
        {
            throw new InvalidOperationException($"{description.HttpMethod} /{description.RelativePath} has no operationId or summary: name it with {nameof(Describe)}.");
        }
    }
}
