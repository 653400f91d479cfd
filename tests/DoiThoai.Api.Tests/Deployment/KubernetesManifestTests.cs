using System.Net;
using System.Reflection;
using DoiThoai.Silo.Channels.Email;
using DoiThoai.Silo.Channels.Loudspeaker;
using DoiThoai.Silo.Channels.Sms;
using DoiThoai.Silo.Delivery;
using DoiThoai.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using YamlDotNet.RepresentationModel;

namespace DoiThoai.Api.Tests.Deployment;

/// <summary>
/// No Kubernetes runs here, so the manifests of infra/k8s are read and checked for what would break a deployment:
/// the image and its ports, the probes against the platform's real endpoints, every configuration key against the
/// keys the silo reads, secrets kept out of the manifests, and the labels Orleans' Kubernetes hosting relies on.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class KubernetesManifestTests(PlatformFactory platform)
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "infra", "k8s");

    private static readonly List<YamlMappingNode> Documents = Load();

    // Set by Kubernetes (the downward API) or by ASP.NET Core, not read from the silo's own sections.
    private static readonly string[] PlatformVariables = ["POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID", "ASPNETCORE_HTTP_PORTS", "DOITHOAI_ADMIN_TOKEN"];

    [Fact]
    public void Kustomize_lists_every_manifest_of_the_folder_and_every_kind_a_cluster_needs_is_there()
    {
        var kustomization = new YamlStream();
        kustomization.Load(new StringReader(File.ReadAllText(Path.Combine(Folder, "kustomization.yaml"))));
        var listed = ((YamlSequenceNode)((YamlMappingNode)kustomization.Documents[0].RootNode)["resources"]).Select(n => n.ToString()).Order().ToList();
        var present = Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)).Where(f => f != "kustomization.yaml").Order().ToList();

        Assert.Equal(present, listed);
        Assert.Equal(
            ["ConfigMap", "Deployment", "Job", "Namespace", "NetworkPolicy", "PodDisruptionBudget", "Role", "RoleBinding", "Service", "ServiceAccount"],
            Documents.Select(d => Str(d, "kind")).Distinct().Order());
    }

    [Fact]
    public void The_silo_and_the_migration_run_one_pinned_image_built_by_the_Dockerfile_with_the_ports_it_exposes()
    {
        var images = Containers().Select(c => Str(c, "image")).Distinct().ToList();
        var image = Assert.Single(images);
        Assert.Matches(@"^[a-z0-9.\-]+/[a-z0-9/\-]+:\d+\.\d+\.\d+$", image); // a registry, a path, a version: never "latest"

        var dockerfile = File.ReadAllText(Path.Combine(Folder, "Dockerfile"));
        Assert.Contains("dotnet publish silo/DoiThoai.Silo", dockerfile);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"DoiThoai.Silo.dll\"]", dockerfile);
        Assert.Contains("espeak-ng ffmpeg", dockerfile); // the loudspeaker channel's readiness needs both
        var exposed = dockerfile.Split('\n').Single(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal))[7..].Split(' ').Select(int.Parse).ToList();
        var silo = SiloContainer();
        var ports = ((YamlSequenceNode)silo["ports"]).Cast<YamlMappingNode>().ToDictionary(p => Str(p, "name"), p => int.Parse(Str(p, "containerPort")));
        Assert.Equal(exposed.Order(), ports.Values.Order());

        // Orleans listens where the manifest says (Kubernetes hosting keeps the default ports); HTTP where ASP.NET Core does.
        Assert.Equal(EndpointOptions.DEFAULT_SILO_PORT, ports["silo"]);
        Assert.Equal(EndpointOptions.DEFAULT_GATEWAY_PORT, ports["gateway"]);
        Assert.Equal(ports["http"].ToString(System.Globalization.CultureInfo.InvariantCulture), ConfigMap()["ASPNETCORE_HTTP_PORTS"]);
        var service = Documents.Single(d => Str(d, "kind") == "Service" && Str((YamlMappingNode)d["spec"], "type", "ClusterIP") == "ClusterIP");
        Assert.All(((YamlSequenceNode)((YamlMappingNode)service["spec"])["ports"]).Cast<YamlMappingNode>(), p => Assert.Contains(Str(p, "targetPort"), ports.Keys));
    }

    [Fact]
    public async Task The_probes_call_endpoints_the_platform_answers_on_its_http_port()
    {
        var silo = SiloContainer();
        var client = platform.CreateClient();
        foreach (var (probe, expected) in new[] { ("livenessProbe", "/health"), ("readinessProbe", "/health/ready") })
        {
            var get = (YamlMappingNode)((YamlMappingNode)silo[probe])["httpGet"];
            Assert.Equal(expected, Str(get, "path"));
            Assert.Equal("http", Str(get, "port"));
            Assert.Equal(HttpStatusCode.OK, (await client.Get(expected)).StatusCode);
        }
    }

    [Fact]
    public void Every_setting_is_one_the_silo_reads_and_the_topology_it_describes_is_the_production_cluster()
    {
        var known = KnownKeys();
        var settings = ConfigMap().Keys.Concat(SiloContainerEnv().Keys).Where(k => !PlatformVariables.Contains(k)).ToList();
        Assert.All(settings, key => Assert.True(
            known.Contains(key.Replace("__", ":", StringComparison.Ordinal)) || key.StartsWith("Logging__LogLevel__", StringComparison.Ordinal),
            $"{key} is not a setting the silo reads"));

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(ConfigMap().Select(p => KeyValuePair.Create(p.Key.Replace("__", ":", StringComparison.Ordinal), (string?)p.Value)))
            .AddInMemoryCollection([KeyValuePair.Create("ConnectionStrings:Postgres", (string?)"Host=doithoai-postgres")])
            .Build();
        var topology = Topology.From(configuration);
        Assert.Equal((ClusteringProvider.AdoNet, StorageProvider.Postgres, true), (topology.Clustering, topology.Storage, topology.Kubernetes));
    }

    [Fact]
    public void Secrets_come_from_a_Secret_and_never_stand_in_the_manifests()
    {
        var secretLike = new[] { "Password", "Secret", "ConnectionStrings__", "SigningKey", "TOKEN" };
        Assert.DoesNotContain(ConfigMap().Keys, k => secretLike.Any(s => k.Contains(s, StringComparison.Ordinal)));
        foreach (var container in Containers())
        {
            foreach (var env in Env(container).Where(e => secretLike.Any(s => e.Key.Contains(s, StringComparison.Ordinal))))
            {
                var reference = (YamlMappingNode)((YamlMappingNode)env.Value["valueFrom"])["secretKeyRef"];
                Assert.Equal("doithoai-secrets", Str(reference, "name"));
            }
        }

        Assert.DoesNotContain(Documents, d => Str(d, "kind") == "Secret");
    }

    [Fact]
    public void Pods_carry_the_labels_and_rights_Orleans_Kubernetes_hosting_needs_and_sized_requests()
    {
        var deployment = Documents.Single(d => Str(d, "kind") == "Deployment");
        var spec = (YamlMappingNode)deployment["spec"];
        var template = (YamlMappingNode)spec["template"];
        var labels = (YamlMappingNode)((YamlMappingNode)template["metadata"])["labels"];
        Assert.Equal(ConfigMap()["Orleans__ServiceId"], Str(labels, "orleans/serviceId"));
        Assert.Equal(ConfigMap()["Orleans__ClusterId"], Str(labels, "orleans/clusterId"));
        var selector = (YamlMappingNode)((YamlMappingNode)spec["selector"])["matchLabels"];
        Assert.All(selector, s => Assert.Equal(s.Value.ToString(), Str(labels, s.Key.ToString())));
        foreach (var variable in new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID" })
        {
            Assert.True(SiloContainerEnv().ContainsKey(variable), variable);
        }

        var account = Str((YamlMappingNode)template["spec"], "serviceAccountName");
        var binding = Documents.Single(d => Str(d, "kind") == "RoleBinding");
        Assert.Equal(account, Str((YamlMappingNode)((YamlSequenceNode)binding["subjects"])[0], "name"));
        var rule = (YamlMappingNode)((YamlSequenceNode)Documents.Single(d => Str(d, "kind") == "Role")["rules"])[0];
        Assert.Equal(["delete", "get", "list", "watch"], ((YamlSequenceNode)rule["verbs"]).Select(v => v.ToString()).Order());

        var resources = (YamlMappingNode)SiloContainer()["resources"];
        var request = Mebibytes(Str((YamlMappingNode)resources["requests"], "memory"));
        var limit = Mebibytes(Str((YamlMappingNode)resources["limits"], "memory"));
        Assert.InRange(request, 256, limit);
        Assert.True(int.Parse(Str(spec, "replicas")) >= 3, "A province runs at least three silos.");
    }

    [Fact]
    public void Silos_talk_tls_with_a_certificate_from_a_secret_and_only_silos_reach_their_orleans_ports()
    {
        var path = ConfigMap()["Orleans__Tls__CertificatePath"];
        var template = (YamlMappingNode)((YamlMappingNode)Documents.Single(d => Str(d, "kind") == "Deployment")["spec"])["template"];
        var mount = ((YamlSequenceNode)SiloContainer()["volumeMounts"]).Cast<YamlMappingNode>().Single(m => path.StartsWith(Str(m, "mountPath") + "/", StringComparison.Ordinal));
        var volume = ((YamlSequenceNode)((YamlMappingNode)template["spec"])["volumes"]).Cast<YamlMappingNode>().Single(v => Str(v, "name") == Str(mount, "name"));
        var secret = (YamlMappingNode)volume["secret"];
        Assert.Equal("doithoai-silo-tls", Str(secret, "secretName"));
        Assert.Contains(((YamlSequenceNode)secret["items"]).Cast<YamlMappingNode>(), i => Str(mount, "mountPath") + "/" + Str(i, "path") == path);
        var password = (YamlMappingNode)((YamlMappingNode)SiloContainerEnv()["Orleans__Tls__CertificatePassword"]["valueFrom"])["secretKeyRef"];
        Assert.Equal("doithoai-secrets", Str(password, "name"));

        var policy = Documents.Single(d => Str(d, "kind") == "NetworkPolicy");
        var spec = (YamlMappingNode)policy["spec"];
        Assert.Equal("doithoai-silo", Str((YamlMappingNode)((YamlMappingNode)spec["podSelector"])["matchLabels"], "app"));
        var rules = ((YamlSequenceNode)spec["ingress"]).Cast<YamlMappingNode>().ToList();
        var orleans = rules.Single(r => r.Children.ContainsKey("from"));
        Assert.Equal(["gateway", "silo"], ((YamlSequenceNode)orleans["ports"]).Cast<YamlMappingNode>().Select(p => Str(p, "port")).Order());
        var from = (YamlMappingNode)((YamlSequenceNode)orleans["from"])[0];
        Assert.Equal("doithoai-silo", Str((YamlMappingNode)((YamlMappingNode)from["podSelector"])["matchLabels"], "app"));
        // Anyone may reach the HTTP port, and only it.
        var open = rules.Single(r => !r.Children.ContainsKey("from"));
        Assert.Equal(["http"], ((YamlSequenceNode)open["ports"]).Cast<YamlMappingNode>().Select(p => Str(p, "port")));
    }

    [Fact]
    public void The_azure_overlay_patches_what_the_base_has_into_the_azure_topology_with_no_secret_in_it()
    {
        var overlay = Path.Combine(Folder, "overlays", "azure");
        var kustomization = LoadYaml(Path.Combine(overlay, "kustomization.yaml")).Single();
        Assert.Equal(["../.."], ((YamlSequenceNode)kustomization["resources"]).Select(n => n.ToString()));
        var patchFiles = ((YamlSequenceNode)kustomization["patches"]).Cast<YamlMappingNode>().Select(p => Str(p, "path")).Order().ToList();
        Assert.Equal(Directory.GetFiles(overlay, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(), patchFiles);

        var patches = patchFiles.SelectMany(f => LoadYaml(Path.Combine(overlay, f))).ToList();
        foreach (var patch in patches)
        {
            var target = (Str(patch, "kind"), Str((YamlMappingNode)patch["metadata"], "name"));
            Assert.Contains(Documents, d => (Str(d, "kind"), Str((YamlMappingNode)d["metadata"], "name")) == target);
        }

        // The ConfigMap as kustomize merges it: the patch's keys replace the base's, a null removes one.
        var data = ConfigMap();
        foreach (var (key, value) in (YamlMappingNode)patches.Single(p => Str(p, "kind") == "ConfigMap")["data"])
        {
            if (value is YamlScalarNode { Value: null or "null" or "~" })
            {
                Assert.True(data.Remove(key.ToString()), $"{key} removed but not in the base");
            }
            else
            {
                data[key.ToString()] = value.ToString();
            }
        }

        var known = KnownKeys();
        Assert.All(data.Keys.Where(k => !PlatformVariables.Contains(k) && !k.StartsWith("Logging__", StringComparison.Ordinal)),
            key => Assert.Contains(key.Replace("__", ":", StringComparison.Ordinal), known));
        Assert.DoesNotContain(data, p => p.Key.Contains("ConnectionStrings", StringComparison.Ordinal) || p.Value.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
        var topology = Topology.From(new ConfigurationBuilder()
            .AddInMemoryCollection(data.Select(p => KeyValuePair.Create(p.Key.Replace("__", ":", StringComparison.Ordinal), (string?)p.Value)))
            .AddInMemoryCollection([KeyValuePair.Create("ConnectionStrings:Postgres", (string?)"Host=doithoai-postgres")])
            .Build());
        Assert.Equal((ClusteringProvider.AzureStorage, StorageProvider.AzureStorage, true), (topology.Clustering, topology.Storage, topology.Kubernetes));
        Assert.Equal(("https", "https"), (topology.Azure!.BlobServiceUri!.Scheme, topology.Azure.TableServiceUri!.Scheme));

        // The connection string, when the operator prefers one, comes from the Secret; the pods may sign in instead.
        var silo = patches.Single(p => Str(p, "kind") == "Deployment");
        var template = (YamlMappingNode)((YamlMappingNode)silo["spec"])["template"];
        Assert.Equal("true", Str((YamlMappingNode)((YamlMappingNode)template["metadata"])["labels"], "azure.workload.identity/use"));
        var container = ((YamlSequenceNode)((YamlMappingNode)template["spec"])["containers"]).Cast<YamlMappingNode>().Single();
        Assert.Equal("silo", Str(container, "name"));
        var env = Env(container);
        Assert.All(env.Keys, key => Assert.Contains(key.Replace("__", ":", StringComparison.Ordinal), known));
        var secret = (YamlMappingNode)((YamlMappingNode)env["ConnectionStrings__AzureStorage"]["valueFrom"])["secretKeyRef"];
        Assert.Equal(("doithoai-secrets", "true"), (Str(secret, "name"), Str(secret, "optional")));
        Assert.DoesNotContain(patches, d => Str(d, "kind") == "Secret");
    }

    private static HashSet<string> KnownKeys()
    {
        var keys = new HashSet<string>(Topology.Keys.Concat(DoiThoai.Api.Security.AuthOptions.Keys), StringComparer.Ordinal);
        foreach (var (section, type) in new (string, Type)[]
                 {
                     (SmtpOptions.Section, typeof(SmtpOptions)), (KannelOptions.Section, typeof(KannelOptions)),
                     (LoudspeakerOptions.Section, typeof(LoudspeakerOptions)), (DeliveryOptions.Section, typeof(DeliveryOptions)),
                     (PlatformOptions.Section, typeof(PlatformOptions)),
                 })
        {
            keys.UnionWith(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{section}:{p.Name}"));
        }

        return keys;
    }

    private static int Mebibytes(string quantity) =>
        quantity.EndsWith("Gi", StringComparison.Ordinal) ? int.Parse(quantity[..^2]) * 1024 : int.Parse(quantity.TrimEnd('M', 'i'));

    private static Dictionary<string, string> ConfigMap() =>
        ((YamlMappingNode)Documents.Single(d => Str(d, "kind") == "ConfigMap")["data"]).ToDictionary(p => p.Key.ToString(), p => p.Value.ToString());

    private static IEnumerable<YamlMappingNode> Containers() =>
        Documents.Where(d => Str(d, "kind") is "Deployment" or "Job")
            .SelectMany(d => (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)d["spec"])["template"])["spec"])["containers"])
            .Cast<YamlMappingNode>();

    private static YamlMappingNode SiloContainer() => Containers().Single(c => Str(c, "name") == "silo");

    private static Dictionary<string, YamlMappingNode> SiloContainerEnv() => Env(SiloContainer());

    private static Dictionary<string, YamlMappingNode> Env(YamlMappingNode container) =>
        container.Children.TryGetValue("env", out var env)
            ? ((YamlSequenceNode)env).Cast<YamlMappingNode>().ToDictionary(e => Str(e, "name"))
            : [];

    private static string Str(YamlMappingNode node, string key, string? otherwise = null) =>
        node.Children.TryGetValue(key, out var value) ? value.ToString() : otherwise ?? throw new KeyNotFoundException(key);

    private static List<YamlMappingNode> Load() =>
        Directory.GetFiles(Folder, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").SelectMany(LoadYaml).ToList();

    private static IEnumerable<YamlMappingNode> LoadYaml(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DoiThoaiCluster.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (DoiThoaiCluster.sln) is not above the test output.");
    }
}
