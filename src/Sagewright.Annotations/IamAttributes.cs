using System;
using System.Diagnostics;

namespace Sagewright;

/// <summary>How Sagewright splits a pipeline's work between IAM roles (<see cref="PipelineAttribute.Roles"/>). The pipeline
/// role, which SageMaker Pipelines assumes to start the steps, is always a role of its own.</summary>
public enum RoleLayout
{
    /// <summary>One job role for every processing, training and tuning job (<c>&lt;pipeline&gt;-job</c>) and one inference
    /// role for every model and the transform jobs that run them (<c>&lt;pipeline&gt;-inference</c>). The default.</summary>
    Shared,

    /// <summary>A role per job step and per model step (<c>&lt;pipeline&gt;-&lt;step&gt;</c>): a job can read and write only
    /// what its own step declares, so it cannot write where only another job writes.</summary>
    PerStep,

    /// <summary>One role for jobs and models (<c>&lt;pipeline&gt;-job</c>). Training code could then act with the identity
    /// that serves the model: SGW202 warns about it.</summary>
    Merged,
}

/// <summary>Runs a step as a role you name instead of the one the pipeline's <see cref="RoleLayout"/> gives it. On a
/// processing, training or tuning step it is the job's <c>RoleArn</c>; on a model step the model's
/// <c>ExecutionRoleArn</c> (transform jobs run with their model's role). Steps that name the same role share it.
/// Sagewright still writes the role's policy, with the permissions of every step that runs as it.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class RunAsAttribute : Attribute
{
    /// <param name="role">A role name (1–64 of letters, digits and <c>+=,.@_-</c>), made into an ARN in the project's
    /// account, or a role ARN <c>arn:aws:iam::123456789012:role/name</c>.</param>
    public RunAsAttribute(string role) => Role = role;

    /// <summary>The role name or ARN.</summary>
    public string Role { get; }
}

/// <summary>An extra permission the step's container needs for what it does on its own (reading a DynamoDB table,
/// calling another service): added to the policy of the role the step runs as. Sagewright derives everything the
/// pipeline itself declares (inputs, outputs, images, logs); use this only for the rest. Wildcards in the action or a
/// resource are SGW200; <c>iam:PassRole</c> or SageMaker job creation on every resource is SGW205.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class GrantAttribute : Attribute
{
    /// <param name="action">One IAM action, <c>service:Action</c>, for example <c>dynamodb:GetItem</c>.</param>
    /// <param name="resources">The ARNs it applies to, for example
    /// <c>arn:aws:dynamodb:us-east-1:123456789012:table/Features</c>.</param>
    public GrantAttribute(string action, params string[] resources)
    {
        Action = action;
        Resources = resources;
    }

    /// <summary>The action.</summary>
    public string Action { get; }

    /// <summary>The resource ARNs.</summary>
    public string[] Resources { get; }
}

/// <summary>Lists a managed policy to attach to a role in <c>iam/roles.json</c> (<c>managedPolicies</c>). On a step it is
/// the role the step runs as; on the pipeline class, the pipeline role. AWS managed policies grant far more than a
/// pipeline needs (SGW206); prefer the generated policy and <see cref="GrantAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class AttachManagedPolicyAttribute : Attribute
{
    /// <param name="policyArn">The policy ARN, <c>arn:aws:iam::123456789012:policy/name</c>.</param>
    public AttachManagedPolicyAttribute(string policyArn) => PolicyArn = policyArn;

    /// <summary>The policy ARN.</summary>
    public string PolicyArn { get; }
}

/// <summary>Where an S3 location known only at run time always lies: put it on an <see cref="OutputParameterAttribute"/>,
/// <see cref="JsonGetAttribute"/> or <see cref="StepPropertyAttribute"/> field that later steps use as an S3 URI. The
/// roles of those steps get access to this prefix (with the usual prefix boundary: <c>s3://lake/events/</c> does not
/// open <c>s3://lake/events-old/</c>). Without it Sagewright cannot scope their S3 permissions (SGW011).</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class WithinAttribute : Attribute
{
    /// <param name="s3Prefix">An S3 URI prefix, <c>s3://bucket/prefix/</c>.</param>
    public WithinAttribute(string s3Prefix) => S3Prefix = s3Prefix;

    /// <summary>The prefix.</summary>
    public string S3Prefix { get; }
}
