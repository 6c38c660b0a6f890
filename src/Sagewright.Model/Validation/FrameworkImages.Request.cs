namespace Sagewright.Model.Validation;

/// <summary>What is asked of <see cref="FrameworkImages.Resolve"/>: the SDK's <c>image_uris.retrieve</c> arguments
/// that a pipeline step can give.</summary>
/// <param name="Framework">The framework or algorithm: the name of one of the SDK's <c>image_uri_config/*.json</c> tables.</param>
/// <param name="Version">The framework or algorithm version, or one of its aliases.</param>
/// <param name="Region">The AWS region.</param>
/// <param name="Scope"><c>training</c>, <c>inference</c> or <c>processing</c> (processing falls back to the
/// training images where a table has no processing scope, as the SDK's framework processors do).</param>
/// <param name="InstanceType">The instance type that picks the processor, or null.</param>
/// <param name="PythonVersion">The Python version, or null for the only one there is.</param>
/// <param name="BaseFramework">Hugging Face only: <c>pytorch&lt;version&gt;</c> or <c>tensorflow&lt;version&gt;</c>.</param>
public sealed record ImageRequest(string Framework, string Version, string Region, string Scope, string? InstanceType = null,
    string? PythonVersion = null, string? BaseFramework = null);

/// <summary>Which input an <see cref="ImageProblem"/> is about, so the finding can point at it.</summary>
public enum ImageInput
{
    Framework,
    Version,
    Region,
    Scope,
    InstanceType,
    PythonVersion,
    BaseFramework,
}

/// <param name="Input">What is wrong.</param>
/// <param name="Message">A sentence that says why and lists the supported values.</param>
public sealed record ImageProblem(ImageInput Input, string Message);
