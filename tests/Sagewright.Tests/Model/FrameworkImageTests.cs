using System.Text.Json;
using Sagewright.Model.Validation;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Model;

/// <summary><see cref="FrameworkImages"/> against image URIs the SageMaker Python SDK produced: literal expectations
/// of its tests and published examples (each row names its source in <c>aws/sagemaker-python-sdk</c> at a24812666d25,
/// the commit the tables in <c>../shared/reference/image-uris</c> come from), and the expectation rules of its
/// <c>sagemaker-core/tests/unit/image_uris</c> tests applied to every version and region of the reference tables.</summary>
public class FrameworkImageTests
{
    /// <summary>framework, version, region, scope, instance type, Python version, base framework, the URI the SDK gave.</summary>
    public static TheoryData<string, string, string, string, string?, string?, string?, string> SdkUris() => new()
    {
        // sagemaker-core/tests/unit/image_uris/test_retrieve.py::test_retrieve_auto_selected_container_version
        { "tensorflow", "2.3", "us-west-2", "training", "ml.p4d.24xlarge", "py37", null, "763104351884.dkr.ecr.us-west-2.amazonaws.com/tensorflow-training:2.3-gpu-py37-cu110-ubuntu18.04-v3" },
        // test_retrieve.py::test_retrieve_pytorch_container_version
        { "pytorch", "1.6", "us-west-2", "training", "ml.p4d.24xlarge", "py3", null, "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:1.6-gpu-py3-cu110-ubuntu18.04-v3" },
        // sagemaker-core/tests/integ/image_retriever/test_image_retriever.py
        { "xgboost", "0.90-1", "eu-west-1", "inference", "ml.m5.xlarge", null, null, "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:0.90-1-cpu-py3" },
        { "sagemaker-distribution", "3.2.0", "us-west-1", "inference", "ml.g5.4xlarge", null, null, "053634841547.dkr.ecr.us-west-1.amazonaws.com/sagemaker-distribution-prod:3.2.0-gpu" },
        // test_graviton.py::test_graviton_xgboost_instance_type_specified, ::test_graviton_sklearn_instance_type_specified
        { "xgboost", "1.5-1", "us-west-2", "inference", "ml.m6g.xlarge", null, null, "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.5-1-arm64" },
        { "xgboost", "1.3-1", "us-west-2", "training", "ml.c6g.large", null, null, "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.3-1-arm64" },
        { "sklearn", "1.0-1", "us-west-2", "inference", "ml.c7g.xlarge", null, null, "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.0-1-arm64-cpu-py3" },
        // docs/quickstart.rst (the PyTorch training image of the first example)
        { "pytorch", "1.13.1", "us-west-2", "training", "ml.m5.xlarge", "py39", null, "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:1.13.1-cpu-py39" },
        // sagemaker-serve/tests/unit/servers/data/jumpstart_specs/pytorch-ic-mobilenet-v2.json (JumpStart's published images)
        { "pytorch", "1.10.0", "ca-west-1", "training", "ml.p3.2xlarge", "py38", null, "204538143572.dkr.ecr.ca-west-1.amazonaws.com/pytorch-training:1.10.0-gpu-py38" },
        { "pytorch", "1.10.0", "us-gov-west-1", "training", "ml.m5.xlarge", "py38", null, "442386744353.dkr.ecr.us-gov-west-1.amazonaws.com/pytorch-training:1.10.0-cpu-py38" },
        { "pytorch", "1.10.0", "us-isob-east-1", "inference", "ml.g4dn.xlarge", "py38", null, "094389454867.dkr.ecr.us-isob-east-1.sc2s.sgov.gov/pytorch-inference:1.10.0-gpu-py38" },
        { "pytorch", "1.10.0", "me-south-1", "inference", "ml.m5.large", "py38", null, "217643126080.dkr.ecr.me-south-1.amazonaws.com/pytorch-inference:1.10.0-cpu-py38" },
        { "pytorch", "1.11.0", "eu-central-2", "training", "ml.trn1.32xlarge", "py38", null, "380420809688.dkr.ecr.eu-central-2.amazonaws.com/pytorch-training-neuron:1.11.0-neuron-py38-sdk2.4.0-ubuntu20.04" },
        // sagemaker-serve/tests/unit/servers/data/jumpstart_specs/meta-textgeneration-llama-3-1-70b.json
        { "huggingface", "4.28.1", "us-east-1", "training", "ml.g5.12xlarge", "py310", "pytorch2.0.0", "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-training:2.0.0-transformers4.28.1-gpu-py310-cu118-ubuntu20.04" },
        { "huggingface", "4.28.1", "cn-northwest-1", "training", "ml.p4d.24xlarge", "py310", "pytorch2.0.0", "727897471807.dkr.ecr.cn-northwest-1.amazonaws.com.cn/huggingface-pytorch-training:2.0.0-transformers4.28.1-gpu-py310-cu118-ubuntu20.04" },
        { "huggingface", "4.28.1", "us-iso-east-1", "training", "ml.g5.2xlarge", "py310", "pytorch2.0.0", "886529160074.dkr.ecr.us-iso-east-1.c2s.ic.gov/huggingface-pytorch-training:2.0.0-transformers4.28.1-gpu-py310-cu118-ubuntu20.04" },
        // sagemaker-serve/tests/unit/mb_user_test.py
        { "huggingface", "4.26.0", "us-east-2", "inference", "ml.g5.xlarge", "py39", "pytorch1.13.1", "763104351884.dkr.ecr.us-east-2.amazonaws.com/huggingface-pytorch-inference:1.13.1-transformers4.26.0-gpu-py39-cu117-ubuntu20.04" },
        // The sklearn images Sagewright resolved before the tables were generated (RulesTests), as the SDK's sklearn test expects them.
        { "sklearn", "1.2-1", "us-east-1", "processing", "ml.m5.large", null, null, "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3" },
        { "sklearn", "1.2-1", "cn-north-1", "processing", null, null, null, "450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-scikit-learn:1.2-1-cpu-py3" },
    };

    [Theory]
    [MemberData(nameof(SdkUris))]
    public void Resolves_the_uri_the_sdk_produced(string framework, string version, string region, string scope, string? instance, string? python, string? baseFramework, string expected)
    {
        var uri = FrameworkImages.Resolve(new ImageRequest(framework, version, region, scope, instance, python, baseFramework), out var problem);
        Assert.True(uri is not null, problem?.Message);
        Assert.Equal(expected, uri);
    }

    // sagemaker.core.common_utils.ALTERNATE_DOMAINS, which the SDK's expected_uris helpers use.
    private static readonly Dictionary<string, string> AlternateDomains = new(StringComparer.Ordinal)
    {
        ["cn-north-1"] = "amazonaws.com.cn",
        ["cn-northwest-1"] = "amazonaws.com.cn",
        ["us-iso-east-1"] = "c2s.ic.gov",
        ["us-iso-west-1"] = "c2s.ic.gov",
        ["us-isob-east-1"] = "sc2s.sgov.gov",
        ["us-isob-west-1"] = "sc2s.sgov.gov",
        ["us-isof-south-1"] = "csp.hci.ic.gov",
        ["us-isof-east-1"] = "csp.hci.ic.gov",
        ["eu-isoe-west-1"] = "cloud.adc-e.uk",
        ["eusc-de-east-1"] = "amazonaws.eu",
    };

    // expected_uris.py: IMAGE_URI_FORMAT with the tag parts that are set.
    private static string ExpectedUri(string account, string region, string repository, params string?[] tag) =>
        account + ".dkr.ecr." + region + "." + AlternateDomains.GetValueOrDefault(region, "amazonaws.com") + "/" + repository + ":"
        + string.Join("-", tag.Where(t => !string.IsNullOrEmpty(t)));

    private static JsonElement Table(string name) => JsonDocument.Parse(File.ReadAllText(Paths.Reference("image-uris", name + ".json"))).RootElement;

    private static IEnumerable<(string Region, string Account)> Accounts(JsonElement versionConfig) =>
        versionConfig.GetProperty("registries").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!));

    /// <summary>test_sklearn.py::test_sklearn_uris: every version and region, ml.c4.xlarge, py3.</summary>
    [ReferenceTheory]
    [InlineData("training")]
    [InlineData("inference")]
    public void Sklearn_images_follow_the_sdk_test(string scope)
    {
        var count = 0;
        foreach (var version in Table("sklearn").GetProperty(scope).GetProperty("versions").EnumerateObject())
        {
            foreach (var (region, account) in Accounts(version.Value))
            {
                var uri = FrameworkImages.Resolve(new ImageRequest("sklearn", version.Name, region, scope, "ml.c4.xlarge", "py3"), out var problem);
                Assert.True(uri is not null, problem?.Message);
                Assert.Equal(ExpectedUri(account, region, "sagemaker-scikit-learn", version.Name, "cpu", "py3"), uri);
                count++;
            }
        }

        Assert.True(count > 100);
    }

    /// <summary>test_xgboost.py::test_xgboost_uris: the algorithm versions 1 and latest are tagged with the version alone,
    /// the others <c>&lt;version&gt;-&lt;processor&gt;-&lt;py&gt;</c>.</summary>
    [ReferenceTheory]
    [InlineData("training")]
    [InlineData("inference")]
    public void Xgboost_images_follow_the_sdk_test(string scope)
    {
        var count = 0;
        foreach (var version in Table("xgboost").GetProperty(scope).GetProperty("versions").EnumerateObject())
        {
            var config = version.Value;
            var processors = config.TryGetProperty("processors", out var p) ? p.EnumerateArray().Select(x => x.GetString()).ToArray() : new string?[] { null };
            var pythons = config.TryGetProperty("py_versions", out var py) ? py.EnumerateArray().Select(x => x.GetString()).ToArray() : new string?[] { null };
            var repository = config.GetProperty("repository").GetString()!;
            foreach (var processor in processors)
            {
                foreach (var python in pythons)
                {
                    foreach (var (region, account) in Accounts(config))
                    {
                        var uri = FrameworkImages.Resolve(new ImageRequest("xgboost", version.Name, region, scope, null, python), out var problem);
                        Assert.True(uri is not null, problem?.Message);
                        var expected = version.Name is "1" or "latest"
                            ? ExpectedUri(account, region, "xgboost", version.Name)
                            : ExpectedUri(account, region, repository, version.Name, processor, python);
                        Assert.Equal(expected, uri);
                        count++;
                    }
                }
            }
        }

        Assert.True(count > 100);
    }

    /// <summary>test_algos.py::test_algo_uris: the built-in algorithms, version 1 in every region.</summary>
    [ReferenceTheory]
    [InlineData("blazingtext")]
    [InlineData("factorization-machines")]
    [InlineData("forecasting-deepar")]
    [InlineData("image-classification")]
    [InlineData("ipinsights")]
    [InlineData("kmeans")]
    [InlineData("knn")]
    [InlineData("linear-learner")]
    [InlineData("ntm")]
    [InlineData("object-detection")]
    [InlineData("object2vec")]
    [InlineData("pca")]
    [InlineData("randomcutforest")]
    [InlineData("semantic-segmentation")]
    [InlineData("seq2seq")]
    [InlineData("lda")]
    public void Algorithm_images_follow_the_sdk_test(string algorithm)
    {
        foreach (var version in Table(algorithm).GetProperty("versions").EnumerateObject())
        {
            var algo = version.Value.GetProperty("repository").GetString()!;
            foreach (var (region, account) in Accounts(version.Value))
            {
                foreach (var scope in new[] { "training", "inference", "processing" })
                {
                    var uri = FrameworkImages.Resolve(new ImageRequest(algo, "1", region, scope), out var problem);
                    Assert.True(uri is not null, problem?.Message);
                    Assert.Equal(ExpectedUri(account, region, algo, "1"), uri);
                }
            }
        }
    }

    /// <summary>Every version, scope and region of every table resolves to a well-formed URI in its region's domain or
    /// says why (processor from a CPU and a GPU instance type, the first Python version and base framework listed).</summary>
    [ReferenceFact]
    public void Every_table_entry_resolves_or_says_why()
    {
        var resolved = 0;
        var shape = new System.Text.RegularExpressions.Regex("^\\d{12}\\.dkr\\.ecr\\.([a-z0-9-]+)\\.([a-z0-9.-]+)/[a-z0-9._/-]+(:[\\w.-]+)?$");
        foreach (var framework in FrameworkImages.Frameworks)
        {
            var table = Table(framework);
            var scoped = table.TryGetProperty("scope", out _);
            foreach (var scope in new[] { "training", "inference", "processing" })
            {
                var config = scoped ? table : table.TryGetProperty(scope, out var c) ? c : default;
                if (config.ValueKind != JsonValueKind.Object || !config.TryGetProperty("versions", out var versions))
                {
                    continue;
                }

                foreach (var version in versions.EnumerateObject())
                {
                    var entry = version.Value;
                    string? baseFramework = null;
                    if (framework == "huggingface")
                    {
                        baseFramework = entry.EnumerateObject().First(p => p.Name != "version_aliases").Name;
                        entry = entry.GetProperty(baseFramework);
                    }

                    var python = entry.TryGetProperty("py_versions", out var py) && py.GetArrayLength() > 0 ? py[0].GetString() : null;
                    if (!entry.TryGetProperty("registries", out var registries))
                    {
                        continue;
                    }

                    foreach (var region in registries.EnumerateObject())
                    {
                        foreach (var instance in new[] { "ml.m5.xlarge", "ml.g5.xlarge" })
                        {
                            var uri = FrameworkImages.Resolve(new ImageRequest(framework, version.Name, region.Name, scope, instance, python, baseFramework), out var problem);
                            Assert.True(uri is null ^ problem is null);
                            if (uri is null)
                            {
                                Assert.DoesNotContain("could not be resolved", problem!.Message, StringComparison.Ordinal);
                                Assert.Contains("; ", problem.Message, StringComparison.Ordinal);
                                continue;
                            }

                            var match = shape.Match(uri);
                            Assert.True(match.Success, uri);
                            Assert.Equal(FrameworkImages.DnsSuffixOf(match.Groups[1].Value), match.Groups[2].Value);
                            resolved++;
                        }
                    }
                }
            }
        }

        Assert.True(resolved > 10_000, resolved + " resolved");
    }

    [Theory]
    [InlineData("tensorflowz", "2.1", "us-east-1", "training", null, null, ImageInput.Framework, "framework 'tensorflowz' has no SageMaker image; use one of: autogluon, blazingtext,")]
    [InlineData("sklearn", "9.9", "us-east-1", "processing", null, null, ImageInput.Version, "sklearn version '9.9' has no SageMaker training image; use one of: 0.20.0, 0.23-1, 1.0-1, 1.2-1, 1.4-2")]
    [InlineData("sklearn", "1.2-1", "xx-nowhere-1", "processing", null, null, ImageInput.Region, "the sklearn 1.2-1 image is not published in region 'xx-nowhere-1'; it is in: af-south-1,")]
    [InlineData("sklearn", "1.2-1", "us-east-1", "training", "ml.g4dn.xlarge", null, ImageInput.InstanceType, "the sklearn 1.2-1 image has no gpu variant for instance type 'ml.g4dn.xlarge'; its processors are: cpu")]
    [InlineData("sklearn", "1.2-1", "us-east-1", "training", null, "py2", ImageInput.PythonVersion, "the sklearn 1.2-1 image has no Python version 'py2'; use one of: py3")]
    [InlineData("pytorch", "2.1.0", "us-east-1", "training", null, "py310", ImageInput.InstanceType, "the pytorch 2.1.0 image depends on the processor (cpu, gpu): give the instance type as text so the processor can be picked")]
    [InlineData("pytorch", "1.6.0", "us-east-1", "training", "ml.g5.xlarge", null, ImageInput.PythonVersion, "the pytorch 1.6.0 image needs a PythonVersion; use one of: py3, py36")]
    [InlineData("linear-learner", "1", "us-east-1", "training", "ml.c6g.xlarge", null, ImageInput.InstanceType, "Graviton instances (ml.c6g.xlarge) run only the tensorflow, pytorch, xgboost, sklearn images, not linear-learner")]
    [InlineData("xgboost", "1.7-1", "us-east-1", "training", "ml.trn1.2xlarge", null, ImageInput.InstanceType, "Trainium instances (ml.trn1.2xlarge) run only the pytorch images, not xgboost")]
    [InlineData("huggingface", "4.28.1", "us-east-1", "training", "ml.g5.xlarge", "py310", ImageInput.BaseFramework, "huggingface images need BaseFramework; use one of: pytorch2.0, pytorch2.0.0")]
    public void Unresolvable_images_say_why_and_list_the_supported_values(string framework, string version, string region, string scope, string? instance, string? python, ImageInput input, string message)
    {
        Assert.Null(FrameworkImages.Resolve(new ImageRequest(framework, version, region, scope, instance, python), out var problem));
        Assert.NotNull(problem);
        Assert.Equal(input, problem.Input);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-east-1", "aws", "amazonaws.com")]
    [InlineData("cn-north-1", "aws-cn", "amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "aws-us-gov", "amazonaws.com")]
    [InlineData("us-iso-east-1", "aws-iso", "c2s.ic.gov")]
    [InlineData("us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov")]
    [InlineData("us-isof-south-1", "aws-iso-f", "csp.hci.ic.gov")]
    [InlineData("eu-isoe-west-1", "aws-iso-e", "cloud.adc-e.uk")]
    [InlineData("eusc-de-east-1", "aws-eusc", "amazonaws.eu")]
    public void Partitions_and_dns_suffixes(string region, string partition, string suffix)
    {
        Assert.Equal(partition, FrameworkImages.PartitionOf(region));
        Assert.Equal(suffix, FrameworkImages.DnsSuffixOf(region));
        Assert.Equal(suffix, AlternateDomains.GetValueOrDefault(region, "amazonaws.com"));
    }

    [Fact]
    public void Version_aliases_pick_their_version_but_the_tag_keeps_the_alias_as_the_sdk_does()
    {
        // test_retrieve.py::test_retrieve_aliased_version: the tag prefix is the version as given unless the table sets one.
        var alias = FrameworkImages.Resolve(new ImageRequest("pytorch", "1.6", "us-west-2", "training", "ml.p3.2xlarge", "py3"), out _);
        Assert.Equal("763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:1.6-gpu-py3", alias);
        var full = FrameworkImages.Resolve(new ImageRequest("pytorch", "1.6.0", "us-west-2", "training", "ml.p3.2xlarge", "py3"), out _);
        Assert.Equal("763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:1.6.0-gpu-py3", full);
    }
}
