using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Tokens;

namespace DoiThoai.Grains.Tokens;

[GenerateSerializer, Alias("DoiThoai.TokenRegistryState")]
public sealed class TokenRegistryState
{
    [Id(0)] public List<IssuedTokenRecord> Tokens { get; set; } = [];
}

/// <summary>The tokens issued for one province (or the country): recorded at issue, listed, revoked.</summary>
public sealed class TokenRegistryGrain(
    [PersistentState(TokenRegistryGrain.StateName, GrainStorage.Name)] IPersistentState<TokenRegistryState> state,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, ITokenRegistryGrain
{
    public const string StateName = "tokens";

    /// <summary>How long an expired token stays in the list (so an administrator sees who had access lately).</summary>
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(90);

    public async Task RecordAsync(IssuedTokenRecord token)
    {
        var now = time.GetUtcNow();
        state.State.Tokens.RemoveAll(t => t.Id == token.Id || t.ExpiresAt + KeptAfterExpiry < now);
        state.State.Tokens.Add(token);
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<IssuedTokenRecord>> ListAsync()
    {
        var now = time.GetUtcNow();
        IReadOnlyList<IssuedTokenRecord> list = [.. state.State.Tokens.Where(t => t.ExpiresAt + KeptAfterExpiry >= now).OrderByDescending(t => t.IssuedAt)];
        return Task.FromResult(list);
    }

    public async Task<CommandResult<IssuedTokenRecord>> RevokeAsync(string id, string by)
    {
        var index = state.State.Tokens.FindIndex(t => t.Id == id);
        if (index < 0)
        {
            return CommandResult<IssuedTokenRecord>.Fail(ProblemKind.NotFound, "Không tìm thấy mã truy cập này trong danh sách đã cấp.");
        }

        var token = state.State.Tokens[index];
        if (token.RevokedAt is not null)
        {
            return CommandResult<IssuedTokenRecord>.Fail(ProblemKind.WrongState, $"Mã của {token.Name} đã bị thu hồi lúc {Domain.Calendar.VietnamTime.Format(token.RevokedAt.Value)}.");
        }

        var now = time.GetUtcNow();
        if (token.ExpiresAt <= now)
        {
            return CommandResult<IssuedTokenRecord>.Fail(ProblemKind.WrongState, $"Mã của {token.Name} đã hết hạn; không cần thu hồi.");
        }

        // The country's list first: once it is there every silo refuses the token, even if this write were lost.
        await GrainFactory.GetGrain<IRevokedTokensGrain>(IRevokedTokensGrain.Key).AddAsync(new RevokedToken(token.Id, token.ExpiresAt));
        var revoked = token with { RevokedAt = now, RevokedBy = by };
        state.State.Tokens[index] = revoked;
        await state.WriteOrReloadAsync(this);
        return CommandResult<IssuedTokenRecord>.Ok(revoked);
    }
}

[GenerateSerializer, Alias("DoiThoai.RevokedTokensState")]
public sealed class RevokedTokensState
{
    [Id(0)] public List<RevokedToken> Tokens { get; set; } = [];
}

/// <summary>Revoked tokens until they would have expired; small (only revocations), read by every silo every few seconds.</summary>
public sealed class RevokedTokensGrain(
    [PersistentState(RevokedTokensGrain.StateName, GrainStorage.Name)] IPersistentState<RevokedTokensState> state,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, IRevokedTokensGrain
{
    public const string StateName = "revoked-tokens";

    public async Task AddAsync(RevokedToken token)
    {
        var now = time.GetUtcNow();
        state.State.Tokens.RemoveAll(t => t.Id == token.Id || t.ExpiresAt < now);
        state.State.Tokens.Add(token);
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<RevokedToken>> ListAsync()
    {
        var now = time.GetUtcNow();
        IReadOnlyList<RevokedToken> list = [.. state.State.Tokens.Where(t => t.ExpiresAt >= now)];
        return Task.FromResult(list);
    }
}
