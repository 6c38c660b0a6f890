using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sagewright.Model.Validation;

/// <summary>SageMaker framework and built-in algorithm images, resolved the way the SageMaker Python SDK's
/// <c>sagemaker.image_uris.retrieve</c> resolves them from its <c>image_uri_config/*.json</c> tables (compiled into
/// <c>FrameworkImages.Data.cs</c>; nothing is read at run time). Not covered: JumpStart models, Elastic Inference
/// (<c>eia</c>), the training compiler and distribution-dependent tags (<c>smdistributed</c>); a p4d instance gets the
/// SDK's fixed CUDA container suffixes as without a distribution.</summary>
public static partial class FrameworkImages
{
    private const string HuggingFace = "huggingface";
    private const string XGBoost = "xgboost";
    private const string Sklearn = "sklearn";
    private const string TritonServer = "sagemaker-tritonserver";
    private const string InferenceGraviton = "inference_graviton";

    // sagemaker.core.fw_utils: GRAVITON_ALLOWED_TARGET_INSTANCE_FAMILY, GRAVITON_ALLOWED_FRAMEWORKS.
    private static readonly string[] GravitonFamilies = { "m6g", "m6gd", "c6g", "c6gd", "c6gn", "c7g", "r6g", "r6gd" };
    private static readonly string[] GravitonFrameworks = { "tensorflow", "pytorch", XGBoost, Sklearn };

    // image_uris._get_image_tag: the arm64 tags of xgboost and sklearn.
    private static readonly Dictionary<string, string> Arm64Tags = new(StringComparer.Ordinal)
    {
        ["xgboost/1.5-1"] = "1.5-1-arm64",
        ["xgboost/1.3-1"] = "1.3-1-arm64",
        ["sklearn/1.0-1"] = "1.0-1-arm64-cpu-py3",
    };

    // image_uris._get_image_tag: container versions picked for p4d instances.
    private static readonly Dictionary<string, string> P4dContainerVersions = new(StringComparer.Ordinal)
    {
        ["tensorflow-2.3-gpu-py37"] = "cu110-ubuntu18.04-v3",
        ["tensorflow-2.3.1-gpu-py37"] = "cu110-ubuntu18.04",
        ["tensorflow-2.3.2-gpu-py37"] = "cu110-ubuntu18.04",
        ["tensorflow-1.15-gpu-py37"] = "cu110-ubuntu18.04-v8",
        ["tensorflow-1.15.4-gpu-py37"] = "cu110-ubuntu18.04",
        ["tensorflow-1.15.5-gpu-py37"] = "cu110-ubuntu18.04",
        ["mxnet-1.8-gpu-py37"] = "cu110-ubuntu16.04-v1",
        ["mxnet-1.8.0-gpu-py37"] = "cu110-ubuntu16.04",
        ["pytorch-1.6-gpu-py36"] = "cu110-ubuntu18.04-v3",
        ["pytorch-1.6.0-gpu-py36"] = "cu110-ubuntu18.04",
        ["pytorch-1.6-gpu-py3"] = "cu110-ubuntu18.04-v3",
        ["pytorch-1.6.0-gpu-py3"] = "cu110-ubuntu18.04",
    };

    // Repositories whose tag carries the Neuron SDK version (image_uris.retrieve).
    private static readonly string[] SdkVersionRepositories = { "pytorch-training-neuron", "pytorch-training-neuronx", "huggingface-vllm-inference-neuronx" };
    private static readonly string[] HuggingFaceNeuronRepositories = { "huggingface-pytorch-inference-neuron", "huggingface-pytorch-inference-neuronx" };

    // The DNS suffix of each partition's ECR endpoints (botocore endpoints.json; sagemaker.core.common_utils.ALTERNATE_DOMAINS).
    private static readonly (string Prefix, string Partition, string DnsSuffix)[] Partitions =
    {
        ("cn-", "aws-cn", "amazonaws.com.cn"),
        ("us-gov-", "aws-us-gov", "amazonaws.com"),
        ("us-isob-", "aws-iso-b", "sc2s.sgov.gov"),
        ("us-isof-", "aws-iso-f", "csp.hci.ic.gov"),
        ("us-iso-", "aws-iso", "c2s.ic.gov"),
        ("eu-isoe-", "aws-iso-e", "cloud.adc-e.uk"),
        ("eusc-", "aws-eusc", "amazonaws.eu"),
    };

    private static readonly Regex InstanceFamilyPattern = new("^ml[._]([a-z\\d\\-]+)\\.?\\w*$", RegexOptions.CultureInvariant);
    private static readonly Regex BaseFrameworkPattern = new("^(pytorch|tensorflow)(.*)$", RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, ImageTable.Node?> Loaded = new(StringComparer.Ordinal);
    private static readonly object LoadLock = new();
    private static Dictionary<string, string>[]? registries;

    /// <summary>The frameworks and algorithms <c>[Framework]</c> accepts, in ordinal order.</summary>
    public static IReadOnlyList<string> Frameworks { get; } = FrameworkImageData.Tables.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();

    /// <summary>The partition of a region (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, <c>aws-iso</c>, …).</summary>
    public static string PartitionOf(string region) => PartitionEntry(region).Partition;

    /// <summary>The DNS suffix of a region's ECR endpoint (<c>amazonaws.com</c>, <c>amazonaws.com.cn</c>, …).</summary>
    public static string DnsSuffixOf(string region) => PartitionEntry(region).DnsSuffix;

    /// <summary>The instance family the SDK reads from an instance type (<c>ml.g4dn.xlarge</c> → <c>g4dn</c>), or empty.</summary>
    public static string InstanceFamily(string? instanceType)
    {
        if (instanceType is null)
        {
            return string.Empty;
        }

        var match = InstanceFamilyPattern.Match(instanceType);
        return match.Success ? match.Groups[1].Value : string.Empty;
    }

    /// <summary>The sklearn image of a processing step (the form earlier releases took).</summary>
    public static bool TryResolve(string framework, string version, string? pythonVersion, string region, out string imageUri, out string problem)
    {
        var result = Resolve(new ImageRequest(framework, version, region, "processing", null, pythonVersion), out var found);
        imageUri = result ?? string.Empty;
        problem = found?.Message ?? string.Empty;
        return result is not null;
    }

    /// <summary>The image URI, or null with the problem. Never throws.</summary>
    public static string? Resolve(ImageRequest request, out ImageProblem? problem)
    {
        try
        {
            return ResolveCore(request, out problem);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problem = new ImageProblem(ImageInput.Framework, "the image of framework '" + request.Framework + "' could not be resolved (" + e.GetType().Name + ")");
            return null;
        }
    }

    private static string? ResolveCore(ImageRequest request, out ImageProblem? problem)
    {
        problem = null;
        var framework = request.Framework;
        if (!FrameworkImageData.Tables.ContainsKey(framework))
        {
            return Fail(out problem, ImageInput.Framework, "framework '" + framework + "' has no SageMaker image; use one of: " + string.Join(", ", Frameworks)
                + ", or give the image URI with [Image]");
        }

        var instanceType = string.IsNullOrEmpty(request.InstanceType) ? null : request.InstanceType;
        var family = InstanceFamily(instanceType);

        // A Neuron instance (inf*, trn*) selects the -neuron table for Hugging Face and PyTorch.
        string? inferenceTool = null;
        var tableName = framework;
        if ((framework == HuggingFace || framework == "pytorch") && (family.StartsWith("inf", StringComparison.Ordinal) || family.StartsWith("trn", StringComparison.Ordinal)))
        {
            inferenceTool = "neuron";
            tableName = framework + "-neuron";
        }

        var scope = GravitonFrameworks.Contains(framework) && GravitonFamilies.Contains(family) ? InferenceGraviton : request.Scope;
        if (instanceType is not null && instanceType.Contains("trn") && framework != "pytorch")
        {
            return Fail(out problem, ImageInput.InstanceType, "Trainium instances (" + instanceType + ") run only the pytorch images, not " + framework);
        }

        if (GravitonFamilies.Contains(family) && !GravitonFrameworks.Contains(framework))
        {
            return Fail(out problem, ImageInput.InstanceType, "Graviton instances (" + instanceType + ") run only the " + string.Join(", ", GravitonFrameworks) + " images, not " + framework);
        }

        if (Table(tableName) is not { } table)
        {
            return Fail(out problem, ImageInput.InstanceType, "framework '" + framework + "' has no image for instance type '" + instanceType + "'");
        }

        // _config_for_framework_and_scope
        var scopes = table.Get("scope") is { } listed ? listed.Strings() : table.Keys.ToArray();
        if (scopes.Length == 1)
        {
            scope = scopes[0];
        }
        else if (scope == "processing" && !scopes.Contains("processing"))
        {
            scope = "training";
        }

        if (!scopes.Contains(scope))
        {
            return Fail(out problem, ImageInput.Scope, framework + " has no " + scope + " image; its images are for: " + string.Join(", ", scopes));
        }

        var config = table.Get("scope") is null ? table.Get(scope)! : table;

        // _validate_version_and_set_if_needed, _version_for_config
        var versions = config.Get("versions")!;
        var aliases = config.Get("version_aliases");
        var version = request.Version;
        if (!versions.Has(version) && aliases?.Has(version) != true)
        {
            var supported = versions.Keys.Concat(aliases?.Keys ?? Enumerable.Empty<string>());
            return Fail(out problem, ImageInput.Version, framework + " version '" + version + "' has no SageMaker " + scope + " image; use one of: " + string.Join(", ", supported));
        }

        var versionKey = aliases?.Get(version)?.Text ?? version;
        var versionConfig = versions.Get(versionKey)!;

        if (framework == HuggingFace)
        {
            var baseFramework = request.BaseFramework ?? string.Empty;
            var full = versionConfig.Get("version_aliases")?.Get(baseFramework)?.Text ?? baseFramework;
            var bases = versionConfig.Keys.Where(k => k != "version_aliases").ToArray();
            if (!bases.Contains(full) || !BaseFrameworkPattern.IsMatch(baseFramework))
            {
                var offered = (versionConfig.Get("version_aliases")?.Keys ?? Enumerable.Empty<string>()).Concat(bases).Distinct(StringComparer.Ordinal);
                return Fail(out problem, ImageInput.BaseFramework, (baseFramework.Length == 0 ? "huggingface images need BaseFramework" : "BaseFramework '" + baseFramework + "' has no huggingface " + version + " image")
                    + "; use one of: " + string.Join(", ", offered));
            }

            versionConfig = versionConfig.Get(full)!;
        }

        // _validate_py_version_and_set_if_needed
        var pythonVersion = request.PythonVersion;
        var pythonVersions = versionConfig.Has("repository") ? versionConfig.Get("py_versions")?.Strings() ?? Array.Empty<string>() : versionConfig.Keys.ToArray();
        if (pythonVersions.Length == 0 || (pythonVersion is null && framework == "spark"))
        {
            pythonVersion = null;
        }
        else if (pythonVersion is null && pythonVersions.Length == 1)
        {
            pythonVersion = pythonVersions[0];
        }
        else if (pythonVersion is null || !pythonVersions.Contains(pythonVersion))
        {
            return Fail(out problem, ImageInput.PythonVersion, (pythonVersion is null ? "the " + framework + " " + version + " image needs a PythonVersion" : "the " + framework + " " + version + " image has no Python version '" + pythonVersion + "'")
                + "; use one of: " + string.Join(", ", pythonVersions));
        }

        if (pythonVersion is not null && versionConfig.Get(pythonVersion) is { } byPython)
        {
            versionConfig = byPython;
        }

        // _registry_from_region
        var registryMap = versionConfig.Get("registries") is { } index ? Registry(index.Text) : null;
        if (registryMap is null || !registryMap.TryGetValue(request.Region, out var registry))
        {
            var regions = registryMap?.Keys.OrderBy(k => k, StringComparer.Ordinal) ?? Enumerable.Empty<string>();
            return Fail(out problem, ImageInput.Region, "the " + framework + " " + version + " image is not published in region '" + request.Region + "'; it is in: " + string.Join(", ", regions));
        }

        var hostname = "ecr." + request.Region + "." + DnsSuffixOf(request.Region);
        var repository = versionConfig.Get("repository")?.Text ?? string.Empty;

        // _processor
        var processors = (config.Get("processors") ?? versionConfig.Get("processors"))?.Strings() ?? Array.Empty<string>();
        string? processor = null;
        if (processors.Length > 0)
        {
            if (processors.Length == 1 && instanceType is null)
            {
                processor = processors[0];
            }
            else if (instanceType is null)
            {
                return Fail(out problem, ImageInput.InstanceType, "the " + framework + " " + version + " image depends on the processor (" + string.Join(", ", processors)
                    + "): give the instance type as text so the processor can be picked");
            }
            else
            {
                processor = ProcessorOf(instanceType, family, processors);
                if (processor is null || !processors.Contains(processor))
                {
                    return Fail(out problem, ImageInput.InstanceType, "the " + framework + " " + version + " image has no " + (processor ?? "processor for instance type '" + instanceType + "'")
                        + (processor is null ? string.Empty : " variant for instance type '" + instanceType + "'") + "; its processors are: " + string.Join(", ", processors));
                }
            }
        }

        string? containerVersion = null;
        if (framework == HuggingFace && scope == "training" && processor == "gpu")
        {
            // sagemaker.image_uris.get_training_image_uri: the Hugging Face estimator's GPU default.
            containerVersion = "cu110-ubuntu18.04";
        }

        if (versionConfig.Get("container_version") is { } containerVersions)
        {
            if (processor is null || containerVersions.Get(processor) is not { } byProcessor)
            {
                return Fail(out problem, ImageInput.InstanceType, "the " + framework + " " + version + " image has no container for processor '" + processor + "'; use one of: " + string.Join(", ", containerVersions.Keys));
            }

            containerVersion = byProcessor.Text;
        }

        if (SdkVersionRepositories.Contains(repository))
        {
            containerVersion = LatestSdk(versionConfig) + "-" + containerVersion;
        }

        string tagPrefix;
        if (framework == HuggingFace)
        {
            var baseFramework = request.BaseFramework!;
            var frameworkVersion = BaseFrameworkPattern.Match(baseFramework).Groups[2].Value;
            var transformersVersion = version;
            if (HuggingFaceNeuronRepositories.Contains(repository))
            {
                containerVersion = LatestSdk(versionConfig) + "-" + containerVersion;
                if (config.Get("version_aliases")?.Get(version)?.Text is { } aliased)
                {
                    transformersVersion = aliased;
                }

                if (config.Get("versions")?.Get(transformersVersion)?.Get("version_aliases")?.Get(baseFramework)?.Text is { } fullBase)
                {
                    frameworkVersion = BaseFrameworkPattern.Match(fullBase).Groups[2].Value;
                }
            }

            tagPrefix = frameworkVersion + "-transformers" + transformersVersion;
        }
        else
        {
            tagPrefix = versionConfig.Get("tag_prefix")?.Text ?? version;
        }

        if (repository == framework + "-inference-graviton")
        {
            containerVersion = (containerVersion ?? "None") + "-sagemaker";
        }

        // _validate_instance_deprecation
        if (family == "p2" && ((framework == "pytorch" && AtLeast(version, 1, 13)) || (framework == "tensorflow" && AtLeast(version, 2, 12))))
        {
            return Fail(out problem, ImageInput.InstanceType, "P2 instances are deprecated for SageMaker jobs from PyTorch 1.13 and TensorFlow 2.12 on: pick another instance type");
        }

        // _get_image_tag
        string tag;
        if ((framework == XGBoost || framework == Sklearn) && (GravitonFamilies.Contains(family) || scope == InferenceGraviton))
        {
            if (!Arm64Tags.TryGetValue(framework + "/" + version, out tag!))
            {
                var arm = Arm64Tags.Keys.Where(k => k.StartsWith(framework + "/", StringComparison.Ordinal)).Select(k => k.Substring(framework.Length + 1));
                return Fail(out problem, ImageInput.Version, framework + " version '" + version + "' has no Graviton (arm64) image; use one of: " + string.Join(", ", arm));
            }
        }
        else
        {
            tag = FormatTag(tagPrefix, inferenceTool ?? processor, pythonVersion, containerVersion);
            if (framework != XGBoost && framework != Sklearn && family == "p4d" && P4dContainerVersions.TryGetValue(framework + "-" + tag, out var suffix))
            {
                tag = tag + "-" + suffix;
            }
        }

        if (framework == TritonServer && processor == "gpu")
        {
            tag = tag.TrimEnd('-', 'g', 'p', 'u'); // Python's str.rstrip("-gpu") strips these characters, as the SDK does.
        }

        return registry + ".dkr." + hostname + "/" + repository + (tag.Length == 0 ? string.Empty : ":" + tag);
    }

    private static string? ProcessorOf(string instanceType, string family, string[] processors)
    {
        if (instanceType.StartsWith("local", StringComparison.Ordinal))
        {
            return instanceType == "local" ? "cpu" : "gpu";
        }

        if (instanceType.StartsWith("neuron", StringComparison.Ordinal))
        {
            return "neuron";
        }

        if (family.Length == 0)
        {
            return null;
        }

        return processors.Contains(family) ? family
            : family.StartsWith("inf", StringComparison.Ordinal) ? "inf"
            : family.StartsWith("trn", StringComparison.Ordinal) ? "trn"
            : family[0] is 'g' or 'p' ? "gpu"
            : "cpu";
    }

    private static string FormatTag(string? prefix, string? processorOrTool, string? pythonVersion, string? containerVersion)
    {
        var parts = new[] { prefix, processorOrTool, pythonVersion, containerVersion }.Where(p => !string.IsNullOrEmpty(p));
        return string.Join("-", parts);
    }

    // _get_latest_versions: sorted(list, reverse=True)[0], an ordinal string sort.
    private static string LatestSdk(ImageTable.Node versionConfig) =>
        versionConfig.Get("sdk_versions")?.Strings().OrderByDescending(v => v, StringComparer.Ordinal).FirstOrDefault() ?? "None";

    private static bool AtLeast(string version, int major, int minor)
    {
        var parts = version.Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ma)
            || !int.TryParse(parts[1].Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var mi))
        {
            return false;
        }

        return ma > major || (ma == major && mi >= minor);
    }

    private static (string Prefix, string Partition, string DnsSuffix) PartitionEntry(string region)
    {
        foreach (var entry in Partitions)
        {
            if (region.StartsWith(entry.Prefix, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return (string.Empty, "aws", "amazonaws.com");
    }

    private static string? Fail(out ImageProblem? problem, ImageInput input, string message)
    {
        problem = new ImageProblem(input, message);
        return null;
    }
}
