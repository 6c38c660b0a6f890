using System;
using System.Diagnostics;

namespace Sagewright;

/// <summary>A condition step: runs <see cref="IfStepsAttribute"/> when all its conditions hold, else
/// <see cref="ElseStepsAttribute"/>. Conditions are comparison attributes on the class; named conditions on
/// <c>static readonly bool</c> fields can be combined with <see cref="NotAttribute"/> and <see cref="OrAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ConditionStepAttribute : StepAttribute
{
    /// <param name="pipeline">The pipeline class this step belongs to.</param>
    public ConditionStepAttribute(Type pipeline) : base(pipeline) { }
}

/// <summary>The steps a condition step runs when its conditions hold. They appear only inside the condition step.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class IfStepsAttribute : Attribute
{
    /// <param name="steps">The step classes, in order.</param>
    public IfStepsAttribute(params Type[] steps) => Steps = steps;

    /// <summary>The steps.</summary>
    public Type[] Steps { get; }
}

/// <summary>The steps a condition step runs when its conditions do not hold.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ElseStepsAttribute : Attribute
{
    /// <param name="steps">The step classes, in order.</param>
    public ElseStepsAttribute(params Type[] steps) => Steps = steps;

    /// <summary>The steps.</summary>
    public Type[] Steps { get; }
}

/// <summary>Shared shape of the comparisons. The left value is <c>nameof</c> a parameter, execution variable,
/// step output or expression (or text); the right value is the same, or a number or boolean constant.</summary>
public abstract class ComparisonAttribute : Attribute
{
    private protected ComparisonAttribute(string left, object right)
    {
        Left = left;
        Right = right;
    }

    /// <summary>The left value.</summary>
    public string Left { get; }

    /// <summary>The right value.</summary>
    public object Right { get; }
}

/// <summary><c>Left == Right</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class EqualToAttribute : ComparisonAttribute
{
    /// <summary>Compares with text or a reference.</summary>
    public EqualToAttribute(string left, string right) : base(left, right) { }

    /// <summary>Compares with an integer.</summary>
    public EqualToAttribute(string left, int right) : base(left, right) { }

    /// <summary>Compares with a number.</summary>
    public EqualToAttribute(string left, double right) : base(left, right) { }

    /// <summary>Compares with a boolean.</summary>
    public EqualToAttribute(string left, bool right) : base(left, right) { }
}

/// <summary><c>Left &gt; Right</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class GreaterThanAttribute : ComparisonAttribute
{
    /// <summary>Compares with text or a reference.</summary>
    public GreaterThanAttribute(string left, string right) : base(left, right) { }

    /// <summary>Compares with an integer.</summary>
    public GreaterThanAttribute(string left, int right) : base(left, right) { }

    /// <summary>Compares with a number.</summary>
    public GreaterThanAttribute(string left, double right) : base(left, right) { }
}

/// <summary><c>Left &gt;= Right</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class GreaterThanOrEqualToAttribute : ComparisonAttribute
{
    /// <summary>Compares with text or a reference.</summary>
    public GreaterThanOrEqualToAttribute(string left, string right) : base(left, right) { }

    /// <summary>Compares with an integer.</summary>
    public GreaterThanOrEqualToAttribute(string left, int right) : base(left, right) { }

    /// <summary>Compares with a number.</summary>
    public GreaterThanOrEqualToAttribute(string left, double right) : base(left, right) { }
}

/// <summary><c>Left &lt; Right</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class LessThanAttribute : ComparisonAttribute
{
    /// <summary>Compares with text or a reference.</summary>
    public LessThanAttribute(string left, string right) : base(left, right) { }

    /// <summary>Compares with an integer.</summary>
    public LessThanAttribute(string left, int right) : base(left, right) { }

    /// <summary>Compares with a number.</summary>
    public LessThanAttribute(string left, double right) : base(left, right) { }
}

/// <summary><c>Left &lt;= Right</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class LessThanOrEqualToAttribute : ComparisonAttribute
{
    /// <summary>Compares with text or a reference.</summary>
    public LessThanOrEqualToAttribute(string left, string right) : base(left, right) { }

    /// <summary>Compares with an integer.</summary>
    public LessThanOrEqualToAttribute(string left, int right) : base(left, right) { }

    /// <summary>Compares with a number.</summary>
    public LessThanOrEqualToAttribute(string left, double right) : base(left, right) { }
}

/// <summary>The value is one of the given values: <c>[IsIn(nameof(P.Region), "us-east-1", "eu-west-1")]</c>
/// (the SageMaker <c>In</c> condition).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class IsInAttribute : Attribute
{
    /// <param name="value">The value tested (text or <c>nameof</c> a reference).</param>
    /// <param name="values">The accepted values (text or <c>nameof</c> references).</param>
    public IsInAttribute(string value, params string[] values)
    {
        Value = value;
        Values = values;
    }

    /// <summary>The value tested.</summary>
    public string Value { get; }

    /// <summary>The accepted values.</summary>
    public string[] Values { get; }
}

/// <summary>The former name of <see cref="IsInAttribute"/>, which works the same. It collides with
/// <c>System.Runtime.InteropServices.InAttribute</c> (CS0104) in a file that imports both namespaces; it is
/// kept for one release.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
[Obsolete("Use [IsIn]: [In] collides with System.Runtime.InteropServices.InAttribute when both namespaces are imported, and will be removed in the next release.")]
public sealed class InAttribute : Attribute
{
    /// <param name="value">The value tested (text or <c>nameof</c> a reference).</param>
    /// <param name="values">The accepted values (text or <c>nameof</c> references).</param>
    public InAttribute(string value, params string[] values)
    {
        Value = value;
        Values = values;
    }

    /// <summary>The value tested.</summary>
    public string Value { get; }

    /// <summary>The accepted values.</summary>
    public string[] Values { get; }
}

/// <summary>Negates a named condition: <c>[Not(nameof(GoodAuc))]</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class NotAttribute : Attribute
{
    /// <param name="condition"><c>nameof</c> a field of this class that carries a condition.</param>
    public NotAttribute(string condition) => Condition = condition;

    /// <summary>The negated condition.</summary>
    public string Condition { get; }
}

/// <summary>Holds when any of the named conditions holds.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class OrAttribute : Attribute
{
    /// <param name="conditions"><c>nameof</c> fields of this class that carry conditions.</param>
    public OrAttribute(params string[] conditions) => Conditions = conditions;

    /// <summary>The conditions.</summary>
    public string[] Conditions { get; }
}

/// <summary>A fail step: stops the execution with a failure status and a message.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class FailStepAttribute : StepAttribute
{
    /// <param name="pipeline">The pipeline class this step belongs to.</param>
    public FailStepAttribute(Type pipeline) : base(pipeline) { }
}

/// <summary>The message of a fail step, joined from text and references (<c>Std:Join</c> with no separator).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class ErrorMessageAttribute : Attribute
{
    /// <param name="parts">Text, or <c>nameof</c> a parameter, execution variable, step output or expression.</param>
    public ErrorMessageAttribute(params string[] parts) => Parts = parts;

    /// <summary>The parts, in order.</summary>
    public string[] Parts { get; }
}
