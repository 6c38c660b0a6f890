namespace Sagewright.Model.Rules;

/// <summary>One best-practice (SGW1xx) or security (SGW2xx) rule: it reads a pipeline's declarations through a
/// <see cref="RuleContext"/> and reports what it finds there. Each rule owns its message: <see cref="MessageFormat"/>
/// is the descriptor's format (a public const on the rule class, which the Compiler's <c>Descriptors</c> uses), and
/// each finding's arguments are its placeholders' values. Rules live one per file, in <c>Rules/BestPractice</c> and
/// <c>Rules/Security</c>; the namespace is <c>Sagewright.Model.Rules</c> for all of them. <see cref="RuleSet"/> lists
/// every rule.</summary>
public abstract class PipelineRule
{
    /// <summary>The rule's ID, one of <see cref="Validation.RuleIds"/>.</summary>
    public abstract string Id { get; }

    /// <summary>The message format of the rule's diagnostic, with <c>{0}</c>, <c>{1}</c>… for the arguments of its findings.</summary>
    public abstract string MessageFormat { get; }

    /// <summary>Reports the rule's findings with <see cref="RuleContext.Report"/>.</summary>
    public abstract void Check(RuleContext context);

    /// <summary>A finding of this rule at <paramref name="origin"/>; <paramref name="arguments"/> fill the placeholders of
    /// <see cref="MessageFormat"/>.</summary>
    protected Finding Finding(Origin origin, params string[] arguments) => new(Id, origin, arguments);

    /// <summary>The step kind in lower case, as messages write it ("training", "tuning").</summary>
    protected static string Lower(StepKind kind) => kind.DisplayName();

    /// <summary>Whether a step runs a SageMaker job with containers of its own (processing, training, tuning).</summary>
    protected static bool IsJob(StepDecl step) => step.Kind is StepKind.Processing or StepKind.Training or StepKind.Tuning;
}
