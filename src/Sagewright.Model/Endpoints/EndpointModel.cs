using Sagewright.Model.Compilation;
using Sagewright.Model.Iam;

namespace Sagewright.Model.Endpoints;

/// <summary>What the endpoint passes share about one <c>[Endpoint]</c>: its variants (the declared ones, or the
/// default <c>AllTraffic</c> variant), the register-model step it serves, its names and its inference role. Pure
/// functions of the graph and the declaration, so the emitter, the rules and the IAM deriver agree.</summary>
internal static class EndpointModel
{
    /// <summary>The instance type of the default variant (the SageMaker Python SDK's examples use it; there is no API default).</summary>
    public const string DefaultInstanceType = "ml.m5.large";

    public const string ScalableDimension = "sagemaker:variant:DesiredInstanceCount";

    public const string PredefinedMetric = "SageMakerVariantInvocationsPerInstance";

    public const string FolderName = "endpoints";

    /// <summary>The graph with the endpoints that belong to its pipeline, and their binder findings in the sink.</summary>
    public static PipelineGraph Attach(PipelineGraph graph, IEnumerable<EndpointDecl>? endpoints, FindingSink sink)
    {
        if (endpoints is null)
        {
            return graph;
        }

        var own = endpoints
            .Where(e => string.Equals(e.PipelineType, graph.Pipeline.TypeName, StringComparison.Ordinal))
            .OrderBy(e => e.TypeName, StringComparer.Ordinal)
            .ToList();
        if (own.Count == 0)
        {
            return graph;
        }

        foreach (var endpoint in own)
        {
            sink.Findings.AddRange(endpoint.Findings);
        }

        return graph with { Endpoints = own.ToEquatableArray() };
    }

    /// <summary>The declared variants, or one <c>AllTraffic</c> variant on one <see cref="DefaultInstanceType"/>.</summary>
    public static IReadOnlyList<VariantDecl> Variants(EndpointDecl endpoint) => endpoint.Variants.IsEmpty
        ? new[] { new VariantDecl("AllTraffic", DefaultInstanceType, 1, null, null, null, 1, endpoint.Origin.AttributeOnly) }
        : endpoint.Variants.ToList();

    /// <summary>The register-model step the endpoint serves, when it is one of the pipeline's steps.</summary>
    public static StepDecl? RegisterStep(PipelineGraph graph, EndpointDecl endpoint) =>
        endpoint.ModelStepType is { } type ? graph.Steps.FirstOrDefault(s => s.TypeName == type && s.Kind == StepKind.RegisterModel) : null;

    /// <summary>The model package group name as written (a literal), or null.</summary>
    public static string? GroupName(PipelineGraph graph, EndpointDecl endpoint)
    {
        if (RegisterStep(graph, endpoint)?.Body is not RegisterModelBody { Group: { IsLiteral: true } group })
        {
            return null;
        }

        var text = group.Text;
        var cut = text.IndexOf(":model-package-group/", StringComparison.Ordinal);
        return cut >= 0 ? text.Substring(cut + ":model-package-group/".Length) : text;
    }

    /// <summary>The role the endpoint's model runs as: <c>[RunAs]</c>, else <c>&lt;pipeline&gt;-endpoint-&lt;name&gt;</c>.</summary>
    public static string RoleArn(PipelineGraph graph, EndpointDecl endpoint)
    {
        var partition = graph.Settings.Partition;
        var account = graph.Settings.AccountId ?? string.Empty;
        if (endpoint.RunAs is { } runAs)
        {
            return runAs.Role.StartsWith("arn:", StringComparison.Ordinal) ? runAs.Role : IamNames.RoleArn(partition, account, runAs.Role);
        }

        return IamNames.RoleArn(partition, account, IamNames.DefaultRoleName(graph.Pipeline.Name, "endpoint-" + endpoint.Name));
    }

    /// <summary>Whether Sagewright names and creates the inference role (not <c>[RunAs]</c>).</summary>
    public static bool RoleManaged(EndpointDecl endpoint) => endpoint.RunAs is null;

    /// <summary>A resource name made from the endpoint name and a suffix, within SageMaker's 63 characters.</summary>
    public static string DerivedName(string endpoint, string suffix)
    {
        var full = endpoint + "-" + suffix;
        return full.Length <= 63 ? full : full.Substring(0, 63 - 9).TrimEnd('-') + "-" + IamNames.Hash8(full);
    }

    /// <summary>The folder of the endpoint's files, relative to <c>sagemaker/</c>.</summary>
    public static string Folder(PipelineGraph graph, EndpointDecl endpoint) => graph.Pipeline.Name + "/" + FolderName + "/" + endpoint.Name + "/";

    /// <summary>The Application Auto Scaling resource ID of a variant.</summary>
    public static string ResourceId(EndpointDecl endpoint, string variant) => "endpoint/" + endpoint.Name + "/variant/" + variant;

    /// <summary>The variant an [AutoScaling] scales: its Variant, or the only instance-based variant.</summary>
    public static VariantDecl? ScaledVariant(EndpointDecl endpoint, AutoScalingDecl scaling)
    {
        var variants = Variants(endpoint);
        if (scaling.Variant is { } name)
        {
            return variants.FirstOrDefault(v => v.Name == name);
        }

        var instanceBased = variants.Where(v => !v.IsServerless).ToList();
        return instanceBased.Count == 1 ? instanceBased[0] : null;
    }
}
