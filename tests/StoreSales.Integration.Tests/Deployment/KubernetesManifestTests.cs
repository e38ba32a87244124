using System.Text;
using System.Text.Json;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests.Deployment;

/// <summary>
/// deploy/k8s as kubectl reads it, offline: no cluster runs here, and `kubectl create --dry-run=client` still asks a
/// server for its API list, so kubectl parses the manifests locally (<c>label --local</c>) and the test checks what a
/// cluster would only show at run time: probes on the health endpoints, selectors that select, the RBAC Orleans'
/// Kubernetes hosting needs, secrets that exist. Runs where kubectl is installed; elsewhere it says so and checks nothing.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "deploy", "k8s");

    [Fact]
    public async Task Kubernetes_manifests_parse_with_kubectl_and_have_health_probes_matching_selectors_and_the_rbac_orleans_needs()
    {
        var run = await CommandLineTool.Run("kubectl", ["label", "--local", "-f", Folder, "-o", "json", "checked=offline"], Folder);
        if (run is null)
        {
            TestContext.Current.TestOutputHelper!.WriteLine("kubectl is not installed: deploy/k8s was not checked.");
            return;
        }

        Assert.True(run.ExitCode == 0, $"kubectl could not read deploy/k8s: {run.Error}");
        var objects = await Parse(run.Output);
        Assert.Equal(
            ["Deployment", "Deployment", "Ingress", "Namespace", "Role", "RoleBinding", "Secret", "Service", "Service", "Service", "ServiceAccount"],
            objects.Select(o => o.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));

        var deployments = objects.Where(o => Kind(o) == "Deployment").ToList();
        foreach (var deployment in deployments)
        {
            var name = Name(deployment);
            var template = deployment.GetProperty("spec").GetProperty("template");
            var labels = Labels(template.GetProperty("metadata"));
            Assert.All(Labels(deployment.GetProperty("spec").GetProperty("selector"), "matchLabels"), l => Assert.Contains(l, labels));
            foreach (var container in template.GetProperty("spec").GetProperty("containers").EnumerateArray())
            {
                var ports = Ports(container);
                Assert.Equal("/health/live", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
                Assert.Equal("/health/ready", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
                Assert.Contains(container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("port").GetString(), ports);
                Assert.True(container.GetProperty("securityContext").GetProperty("runAsNonRoot").GetBoolean(), $"{name} runs as root");
                foreach (var secret in Env(container).Values.Where(v => v.TryGetProperty("valueFrom", out var from) && from.TryGetProperty("secretKeyRef", out _)))
                {
                    var reference = secret.GetProperty("valueFrom").GetProperty("secretKeyRef");
                    var found = objects.Single(o => Kind(o) == "Secret" && Name(o) == reference.GetProperty("name").GetString());
                    Assert.True(found.GetProperty("stringData").TryGetProperty(reference.GetProperty("key").GetString()!, out _), $"{name} reads a key its secret lacks");
                }
            }
        }

        // Every Service with a selector selects a Deployment's pods, on a port those pods name.
        foreach (var service in objects.Where(o => Kind(o) == "Service" && o.GetProperty("spec").TryGetProperty("selector", out _)))
        {
            var selector = Labels(service.GetProperty("spec"), "selector");
            var target = deployments.SingleOrDefault(d => selector.All(Labels(d.GetProperty("spec").GetProperty("template").GetProperty("metadata")).Contains));
            Assert.True(target.ValueKind != JsonValueKind.Undefined, $"Service {Name(service)} selects no pods");
            var targetPorts = Containers(target).SelectMany(Ports).ToHashSet();
            Assert.All(service.GetProperty("spec").GetProperty("ports").EnumerateArray(), p => Assert.Contains(p.GetProperty("targetPort").GetString(), targetPorts));
        }

        // The silos: Kubernetes hosting on, the pod's name, namespace and IP, the labels it selects its cluster's pods by,
        // and a service account allowed to read, label, watch and delete those pods.
        var silo = deployments.Single(d => Name(d) == "storesales-silo");
        var siloEnv = Env(Containers(silo).Single());
        Assert.Equal("true", siloEnv["Orleans__KubernetesHosting"].GetProperty("value").GetString());
        Assert.All(["POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID"], v => Assert.True(siloEnv.ContainsKey(v), $"the silo lacks {v}"));
        var siloLabels = Labels(silo.GetProperty("spec").GetProperty("template").GetProperty("metadata"));
        Assert.Contains(new KeyValuePair<string, string>("orleans/serviceId", siloEnv["Orleans__ServiceId"].GetProperty("value").GetString()!), siloLabels);
        Assert.Contains(new KeyValuePair<string, string>("orleans/clusterId", siloEnv["Orleans__ClusterId"].GetProperty("value").GetString()!), siloLabels);
        var account = silo.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("serviceAccountName").GetString();
        Assert.Contains(objects, o => Kind(o) == "ServiceAccount" && Name(o) == account);
        var binding = objects.Single(o => Kind(o) == "RoleBinding" && o.GetProperty("subjects").EnumerateArray().Any(s => s.GetProperty("name").GetString() == account));
        var role = objects.Single(o => Kind(o) == "Role" && Name(o) == binding.GetProperty("roleRef").GetProperty("name").GetString());
        var podVerbs = role.GetProperty("rules").EnumerateArray()
            .Where(r => r.GetProperty("resources").EnumerateArray().Any(x => x.GetString() == "pods"))
            .SelectMany(r => r.GetProperty("verbs").EnumerateArray().Select(v => v.GetString()))
            .ToHashSet();
        Assert.Superset(new HashSet<string?> { "get", "list", "watch", "patch", "delete" }, podVerbs);

        // A Blazor Server circuit lives in one command center: a browser stays on its pod.
        var commandCenter = objects.Single(o => Kind(o) == "Service" && Name(o) == "storesales-commandcenter");
        Assert.Equal("ClientIP", commandCenter.GetProperty("spec").GetProperty("sessionAffinity").GetString());
        Assert.Equal("ExternalName", objects.Single(o => Kind(o) == "Service" && Name(o) == "storesales-postgres").GetProperty("spec").GetProperty("type").GetString());
    }

    private static async Task<List<JsonElement>> Parse(string output)
    {
        // kubectl writes one JSON document per object, one after the other.
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(output));
        var objects = new List<JsonElement>();
        await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, topLevelValues: true, cancellationToken: TestContext.Current.CancellationToken))
        {
            objects.Add(element);
        }

        return objects;
    }

    private static string? Kind(JsonElement o) => o.GetProperty("kind").GetString();

    private static string? Name(JsonElement o) => o.GetProperty("metadata").GetProperty("name").GetString();

    private static HashSet<KeyValuePair<string, string>> Labels(JsonElement holder, string property = "labels") =>
        holder.TryGetProperty(property, out var labels)
            ? labels.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToHashSet()
            : [];

    private static List<JsonElement> Containers(JsonElement deployment) =>
        [.. deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers").EnumerateArray()];

    private static IEnumerable<string?> Ports(JsonElement container) =>
        container.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("name").GetString());

    private static Dictionary<string, JsonElement> Env(JsonElement container) =>
        container.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
}
