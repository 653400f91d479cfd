using DoiThoai.Api.Apis;
using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Grains.Abstractions.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoiThoai.Api;

public static class ApiSetup
{
    /// <summary>Requests larger than this are refused with 413 before they are read.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <param name="secretsDir">Where the embedded platform keeps the secrets it generates; null in a cluster.</param>
    public static IServiceCollection AddDoiThoaiApi(this IServiceCollection services, IConfiguration configuration, string? secretsDir)
    {
        services.AddDoiThoaiSecurity(configuration, secretsDir);
        services.TryAddSingleton(AdminUnitRegistry.Official);
        services.Configure<JsonOptions>(options => ApiJson.Configure(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context => Problems.DescribeFrameworkProblem(context.ProblemDetails));
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        return services;
    }

    public static WebApplication UseDoiThoaiApi(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            CallDeadline.Begin(DateTime.UtcNow); // Orleans' timeout, real time: the caller's wait, not the rules' clock
            await next(http);
        });
        app.Use(ApiHeaders.AddAsync);
        app.Use(ToolPageHeaders.AddAsync);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestSizeLimit(MaxRequestBodyBytes);
        app.UseDoiThoaiSecurity();
        return app;
    }

    public static IEndpointRouteBuilder MapDoiThoaiApi(this IEndpointRouteBuilder app) => app
        .MapProvincesApi()
        .MapCommunesApi()
        .MapSessionsApi()
        .MapResultsApi()
        .MapDocumentsApi()
        .MapHolidaysApi()
        .MapContactsApi()
        .MapLoudspeakersApi()
        .MapSmsGatewayApi()
        .MapClusterApi()
        .MapDashboardApi()
        .MapPetitionsApi()
        .MapSpeakersApi()
        .MapPreparationApi()
        .MapInviteesApi()
        .MapInstructionsApi()
        .MapDialogueRequestsApi()
        .MapAuditApi()
        .MapTokensApi()
        .MapPublicPageApi();
}
