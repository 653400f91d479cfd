using System.Security.Cryptography;
using System.Text;

namespace DoiThoai.Api.Security;

/// <summary>
/// The signing key of the platform's own tokens and the hash of the bootstrap administrator's token. Both come from
/// configuration; the embedded platform, when they are absent, generates them once into its data folder (readable by
/// its owner only) and prints the administrator's token that one time. A cluster must be given both, the same on
/// every silo: a key generated on one silo would not be known to the others.
/// </summary>
public sealed class PlatformSecrets
{
    private const string KeyFile = "token-signing.key";
    private const string AdminHashFile = "admin-token.sha256";

    private PlatformSecrets(byte[] signingKey, byte[] adminTokenHash)
    {
        SigningKey = signingKey;
        AdminTokenHash = adminTokenHash;
    }

    public byte[] SigningKey { get; }

    public byte[] AdminTokenHash { get; }

    /// <param name="options">The "Auth" section; DOITHOAI_ADMIN_TOKEN stands for Auth:AdminToken.</param>
    /// <param name="secretsDir">Where the embedded platform keeps generated secrets; null in a cluster.</param>
    /// <param name="announce">Where the one-time administrator token is shown.</param>
    public static PlatformSecrets Load(AuthOptions options, string? secretsDir, Action<string> announce)
    {
        var adminToken = Environment.GetEnvironmentVariable("DOITHOAI_ADMIN_TOKEN") is { Length: > 0 } fromEnv ? fromEnv : options.AdminToken;
        if (secretsDir is null && (string.IsNullOrEmpty(options.SigningKey) || string.IsNullOrEmpty(adminToken)))
        {
            throw new InvalidOperationException(
                "A cluster needs Auth:SigningKey (base64, 32 bytes or more) and Auth:AdminToken (or DOITHOAI_ADMIN_TOKEN), the same on every silo.");
        }

        var key = options.SigningKey is { Length: > 0 } configured ? Decode(configured) : KeyFromFolder(secretsDir!);
        byte[] hash;
        if (!string.IsNullOrEmpty(adminToken))
        {
            if (adminToken.Length < 16 || AdminTokenHandler.LooksLikeJwt(adminToken))
            {
                throw new InvalidOperationException("The administrator token must be at least 16 characters and not look like a JWT.");
            }

            hash = SHA256.HashData(Encoding.UTF8.GetBytes(adminToken));
        }
        else
        {
            hash = AdminHashFromFolder(secretsDir!, announce);
        }

        return new PlatformSecrets(key, hash);
    }

    private static byte[] Decode(string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Auth:SigningKey must be base64.");
        }

        return key.Length >= 32 ? key : throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes.");
    }

    private static byte[] KeyFromFolder(string dir)
    {
        var path = Path.Combine(dir, KeyFile);
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim());
        }

        var key = RandomNumberGenerator.GetBytes(32);
        WriteOwnerOnly(path, Convert.ToBase64String(key));
        return key;
    }

    private static byte[] AdminHashFromFolder(string dir, Action<string> announce)
    {
        var path = Path.Combine(dir, AdminHashFile);
        if (File.Exists(path))
        {
            return Convert.FromHexString(File.ReadAllText(path).Trim());
        }

        var (token, hash) = NewAdminToken(path);
        announce(token);
        return hash;
    }

    /// <summary>
    /// A lost administrator's token replaced (the embedded platform, stopped): the old one stops working at the next
    /// start, the new one is returned to be shown once. Tokens issued to officers keep working (the signing key stays).
    /// </summary>
    public static string ResetAdminToken(string dir)
    {
        var path = Path.Combine(dir, AdminHashFile);
        File.Delete(path);
        return NewAdminToken(path).Token;
    }

    private static (string Token, byte[] Hash) NewAdminToken(string path)
    {
        var token = "dt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        WriteOwnerOnly(path, Convert.ToHexString(hash));
        return (token, hash);
    }

    private static void WriteOwnerOnly(string path, string content)
    {
        var folder = Path.GetDirectoryName(path)!;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            // The data folder is often made here first, before the database: its owner's only, as the store makes it.
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, Encoding.ASCII, options);
        writer.Write(content);
    }
}
