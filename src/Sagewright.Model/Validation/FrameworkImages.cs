namespace Sagewright.Model.Validation;

/// <summary>SageMaker-provided framework images, resolved the way the SageMaker Python SDK resolves them
/// (<c>sagemaker.image_uris.retrieve</c> with its <c>image_uri_config/*.json</c> tables).</summary>
public static class FrameworkImages
{
    // sagemaker-scikit-learn registries (image_uri_config/sklearn.json, "training" and "inference" scopes
    // use the same accounts). ISO partitions are left out: their ECR domains differ.
    private static readonly Dictionary<string, string> SklearnRegistries = new(StringComparer.Ordinal)
    {
        ["af-south-1"] = "510948584623",
        ["ap-east-1"] = "651117190479",
        ["ap-northeast-1"] = "354813040037",
        ["ap-northeast-2"] = "366743142698",
        ["ap-northeast-3"] = "867004704886",
        ["ap-south-1"] = "720646828776",
        ["ap-south-2"] = "628508329040",
        ["ap-southeast-1"] = "121021644041",
        ["ap-southeast-2"] = "783357654285",
        ["ap-southeast-3"] = "951798379941",
        ["ap-southeast-4"] = "106583098589",
        ["ca-central-1"] = "341280168497",
        ["cn-north-1"] = "450853457545",
        ["cn-northwest-1"] = "451049120500",
        ["eu-central-1"] = "492215442770",
        ["eu-central-2"] = "680994064768",
        ["eu-north-1"] = "662702820516",
        ["eu-south-1"] = "978288397137",
        ["eu-south-2"] = "104374241257",
        ["eu-west-1"] = "141502667606",
        ["eu-west-2"] = "764974769150",
        ["eu-west-3"] = "659782779980",
        ["me-central-1"] = "272398656194",
        ["me-south-1"] = "801668240914",
        ["sa-east-1"] = "737474898029",
        ["us-east-1"] = "683313688378",
        ["us-east-2"] = "257758044811",
        ["us-gov-east-1"] = "237065988967",
        ["us-gov-west-1"] = "414596584902",
        ["us-west-1"] = "746614075791",
        ["us-west-2"] = "246618743249",
    };

    private static readonly string[] SklearnVersions = { "0.20.0", "0.23-1", "1.0-1", "1.2-1" };

    public static IReadOnlyList<string> Frameworks { get; } = new[] { "sklearn" };

    public static bool HasVersion(string framework, string version) =>
        string.Equals(framework, "sklearn", StringComparison.Ordinal) && SklearnVersions.Contains(version, StringComparer.Ordinal);

    /// <summary>Resolves the image URI, or returns the reason it cannot.</summary>
    public static bool TryResolve(string framework, string version, string? pythonVersion, string region, out string imageUri, out string problem)
    {
        imageUri = string.Empty;
        problem = string.Empty;
        if (!string.Equals(framework, "sklearn", StringComparison.Ordinal))
        {
            problem = "framework '" + framework + "' is not supported; use one of: " + string.Join(", ", Frameworks)
                + ", or give the image URI with [Image]";
            return false;
        }

        if (!SklearnVersions.Contains(version, StringComparer.Ordinal))
        {
            problem = "sklearn version '" + version + "' has no SageMaker image; use one of: " + string.Join(", ", SklearnVersions);
            return false;
        }

        if (!SklearnRegistries.TryGetValue(region, out var account))
        {
            problem = "the sklearn image is not published in region '" + region + "'";
            return false;
        }

        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        imageUri = account + ".dkr.ecr." + region + "." + domain + "/sagemaker-scikit-learn:" + version + "-cpu-" + (pythonVersion ?? "py3");
        return true;
    }
}
