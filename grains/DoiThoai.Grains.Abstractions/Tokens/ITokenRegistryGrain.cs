using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Tokens;

/// <summary>A token the platform issued, as its issuers list it: never the token itself, only its id (claim "jti").</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.IssuedTokenRecord")]
public sealed record IssuedTokenRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Role,
    [property: Id(3)] string? Province,
    [property: Id(4)] string? Commune,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] DateTimeOffset ExpiresAt,
    [property: Id(7)] string IssuedBy,
    [property: Id(8)] DateTimeOffset? RevokedAt = null,
    [property: Id(9)] string? RevokedBy = null);

/// <summary>A revoked token's id and the moment it would have expired anyway (after which it needs no checking).</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.RevokedToken")]
public sealed record RevokedToken(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset ExpiresAt);

/// <summary>
/// The tokens issued for one province's units (keyed by its code), or for the whole country (key
/// <see cref="National"/>): listed for the administrators who issue them, and revoked by them.
/// </summary>
[Alias("DoiThoai.ITokenRegistryGrain")]
public interface ITokenRegistryGrain : IGrainWithStringKey
{
    public const string National = "national";

    [Alias("Record")]
    Task RecordAsync(IssuedTokenRecord token);

    /// <summary>Newest first; a token stays listed for 90 days after it expired.</summary>
    [Alias("List")]
    Task<IReadOnlyList<IssuedTokenRecord>> ListAsync();

    /// <summary>Revokes a token at once: every silo refuses it within seconds (see <see cref="IRevokedTokensGrain"/>).</summary>
    [Alias("Revoke")]
    Task<CommandResult<IssuedTokenRecord>> RevokeAsync(string id, string by);
}

/// <summary>The country's revoked tokens still within their validity (one grain, key <see cref="Key"/>), read by every silo.</summary>
[Alias("DoiThoai.IRevokedTokensGrain")]
public interface IRevokedTokensGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("Add")]
    Task AddAsync(RevokedToken token);

    [Alias("List"), AlwaysInterleave]
    Task<IReadOnlyList<RevokedToken>> ListAsync();
}
