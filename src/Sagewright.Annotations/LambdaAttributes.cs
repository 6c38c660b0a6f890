using System;
using System.Diagnostics;

namespace Sagewright;

/// <summary>A Lambda step: invokes an existing AWS Lambda function with the <see cref="StepInputAttribute"/> values
/// as its event and reads the <see cref="OutputParameterAttribute"/> fields from the object it returns.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class LambdaStepAttribute : StepAttribute
{
    /// <param name="pipeline">The pipeline class this step belongs to: <c>typeof(MyPipeline)</c>.</param>
    public LambdaStepAttribute(Type pipeline) : base(pipeline) { }

    /// <summary>The function ARN, <c>arn:aws:lambda:us-east-1:123456789012:function:my-function</c> (optionally with a
    /// version or alias). Its partition, region and account must be the project's.</summary>
    public string? FunctionArn { get; set; }

    /// <summary>How long the pipeline waits for the function, 1 to 900 seconds. Default: not set (the service default).</summary>
    public int TimeoutSeconds { get; set; }
}

/// <summary>A callback step: sends the <see cref="StepInputAttribute"/> values to an Amazon SQS queue and waits until
/// a consumer calls <c>SendPipelineExecutionStepSuccess</c> (with the <see cref="OutputParameterAttribute"/> values) or
/// <c>SendPipelineExecutionStepFailure</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class CallbackStepAttribute : StepAttribute
{
    /// <param name="pipeline">The pipeline class this step belongs to: <c>typeof(MyPipeline)</c>.</param>
    public CallbackStepAttribute(Type pipeline) : base(pipeline) { }

    /// <summary>The queue URL, <c>https://sqs.us-east-1.amazonaws.com/123456789012/my-queue</c>. Its region and
    /// account must be the project's.</summary>
    public string? QueueUrl { get; set; }
}

/// <summary>One input of a Lambda or callback step (a member of the step's <c>Arguments</c>): text, a number, a
/// boolean, or <c>nameof</c> a parameter, execution variable, step output, output parameter or expression.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class StepInputAttribute : Attribute
{
    /// <summary>A text input, or a reference given with <c>nameof</c>.</summary>
    public StepInputAttribute(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>An integer input.</summary>
    public StepInputAttribute(string name, int value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>A number input.</summary>
    public StepInputAttribute(string name, double value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>A boolean input.</summary>
    public StepInputAttribute(string name, bool value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The input name (the key in <c>Arguments</c>).</summary>
    public string Name { get; }

    /// <summary>The value.</summary>
    public object Value { get; }
}

/// <summary>A value a Lambda or callback step returns. Put it on a <c>public static readonly</c> field of the step
/// class whose type is the value's type (<c>string</c>, <c>int</c>, <c>double</c> or <c>bool</c>), and refer to it
/// from later steps with <c>nameof</c>: <c>nameof(Deploy.EndpointName)</c> becomes
/// <c>{"Get": "Steps.Deploy.OutputParameters['EndpointName']"}</c>.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class OutputParameterAttribute : Attribute
{
    /// <summary>The output name the function or callback returns. Default: the field name.</summary>
    public string? Name { get; set; }
}
