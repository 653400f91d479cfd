using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace DoiThoai.Silo.Hosting;

/// <summary>
/// TLS between silos (Orleans' connection security): with <c>Orleans:Tls:CertificatePath</c> (a PKCS#12 file, mounted
/// from a Kubernetes Secret) and <c>Orleans:Tls:CertificatePassword</c> (from the environment), every connection on
/// the silo and gateway ports is TLS, both ends present the cluster's certificate, and a peer presenting any other
/// certificate, or none, is refused: the ports open on the pod network admit the cluster's silos only. The silos of a
/// cluster share the certificate; replacing it means restarting them all.
/// </summary>
public sealed record SiloTls(string CertificatePath, string? Password)
{
    public static IReadOnlyList<string> Keys { get; } = ["Orleans:Tls:CertificatePath", "Orleans:Tls:CertificatePassword"];

    public static SiloTls? From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Orleans:Tls");
        if (section["CertificatePath"] is not { Length: > 0 } path)
        {
            return null;
        }

        return new SiloTls(path, section["CertificatePassword"]);
    }

    public void Apply(ISiloBuilder silo)
    {
        if (!File.Exists(CertificatePath))
        {
            throw new InvalidOperationException($"Orleans:Tls:CertificatePath '{CertificatePath}' does not exist: the silos' certificate (PKCS#12) is needed there.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, Password);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate in {CertificatePath} has no private key: a silo cannot prove it is one of the cluster's.");
        }

        var pinned = certificate.RawData;
        silo.UseTls(certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            // The cluster's own certificate, whoever signed it: a self-signed one serves, and no other is accepted.
            options.RemoteCertificateValidation = (remote, _, _) => remote is not null && remote.RawData.AsSpan().SequenceEqual(pinned);
        });
    }
}
