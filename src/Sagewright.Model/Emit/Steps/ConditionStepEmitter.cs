namespace Sagewright.Model.Emit.Steps;

/// <summary>Condition steps: the conditions, and the steps of each branch nested inside the condition.</summary>
internal sealed class ConditionStepEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    internal JsonObject BuildCondition(StepDecl step, ConditionBody body)
    {
        if (body.Conditions.IsEmpty)
        {
            Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly,
                "Condition step '" + step.Name + "' has no condition: add one such as [GreaterThanOrEqualTo(nameof(Evaluation.Auc), 0.8)]");
        }

        foreach (var group in body.Named.GroupBy(n => n.Member, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Report(RuleIds.SettingConflict, group.ElementAt(1).Origin.AttributeOnly, "Field '" + group.Key + "'", "its condition",
                "[" + group.ElementAt(0).Kind + "]", "[" + group.ElementAt(1).Kind + "]",
                "a named condition holds exactly one (combine them with [Or] or list them on the class)");
        }

        var conditions = new JsonArray();
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var condition in body.Conditions)
        {
            // A named condition is written out in full wherever it is used: measure before expanding.
            if (ExpandedSize(body, condition, sizes, new HashSet<string>(StringComparer.Ordinal)) > MaxExpandedConditions)
            {
                Report(RuleIds.QuotaExceeded, condition.Origin.AttributeOnly,
                    "This condition expands to more than " + PipelineCompiler.Int(MaxExpandedConditions) + " conditions in the definition (each named condition is written out wherever it is used); the definition would exceed its 1 MiB quota");
                continue;
            }

            conditions.Add(BuildConditionJson(step, body, condition, new List<string>()));
        }

        var ifSteps = new JsonArray();
        var elseSteps = new JsonArray();
        AddBranch(step, body.IfSteps, "IfSteps");
        AddBranch(step, body.ElseSteps, "ElseSteps");
        Compilation.BranchArrays[step.TypeName] = (ifSteps, elseSteps);
        return new JsonObject().Add("Conditions", conditions).Add("IfSteps", ifSteps).Add("ElseSteps", elseSteps);
    }

    private void AddBranch(StepDecl condition, EquatableArray<DependencyDecl> branch, string which)
    {
        if (branch.Count > Quotas.MaxStepsPerBranch)
        {
            Report(RuleIds.QuotaExceeded, branch[Quotas.MaxStepsPerBranch].Origin,
                "The " + which + " of condition step '" + condition.Name + "' list " + PipelineCompiler.Int(branch.Count) + " steps; at most " + PipelineCompiler.Int(Quotas.MaxStepsPerBranch) + " are allowed");
        }

        foreach (var member in branch)
        {
            ResolveStep(member.StepType, member.Origin, "[" + which + "]"); // reports a step that is not one of this pipeline
        }
    }

    /// <summary>Puts each branch step's JSON inside its condition, in the order the branch lists them.</summary>
    internal void FillBranches(Dictionary<string, JsonObject> stepJson)
    {
        foreach (var step in Steps)
        {
            if (step.Body is not ConditionBody body || !Compilation.BranchArrays.TryGetValue(step.TypeName, out var arrays))
            {
                continue;
            }

            foreach (var (branch, array) in new[] { (body.IfSteps, arrays.If), (body.ElseSteps, arrays.Else) })
            {
                foreach (var member in branch.Where(m => Index.BranchOwner.TryGetValue(m.StepType, out var owner) && owner == step.TypeName).Select(m => m.StepType).Distinct())
                {
                    array.Add(stepJson[member]);
                }
            }
        }
    }

    /// <summary>Conditions one condition may expand to. Sagewright's own limit: far above any real condition, and far
    /// below what would exceed the 1 MiB definition quota (<see cref="Quotas.MaxDefinitionBytes"/>).</summary>
    private const int MaxExpandedConditions = 10000;

    /// <summary>How many conditions the expansion of <paramref name="condition"/> writes (at most one more than the
    /// limit), each named condition measured once; cyclic references count nothing (they are reported when built).</summary>
    private static long ExpandedSize(ConditionBody body, ConditionDecl condition, Dictionary<string, long> sizes, HashSet<string> visiting)
    {
        long size = 1;
        foreach (var child in condition.Children)
        {
            if (body.Named.FirstOrDefault(n => string.Equals(n.Member, child.Text, StringComparison.Ordinal)) is not { } named || !visiting.Add(named.Member!))
            {
                continue;
            }

            if (!sizes.TryGetValue(named.Member!, out var childSize))
            {
                childSize = ExpandedSize(body, named, sizes, visiting);
                sizes[named.Member!] = childSize;
            }

            visiting.Remove(named.Member!);
            size = Math.Min(size + childSize, MaxExpandedConditions + 1L);
        }

        return size;
    }

    private JsonObject BuildConditionJson(StepDecl step, ConditionBody body, ConditionDecl condition, List<string> path)
    {
        switch (condition.Kind)
        {
            case ConditionKind.In:
            {
                var queryType = TypeOf(condition.Left);
                var values = new JsonArray();
                foreach (var value in condition.Values)
                {
                    CheckComparable(condition, queryType, value, equality: true);
                    values.Add(ResolveValue(step, value, null, "a value of [IsIn]", s3: false));
                }

                if (condition.Values.IsEmpty)
                {
                    Report(RuleIds.RequiredSettingMissing, condition.Origin.AttributeOnly, "[IsIn] needs at least one value to compare with");
                }

                return new JsonObject()
                    .Add("Type", "In")
                    .Add("QueryValue", condition.Left is null ? string.Empty : ResolveValue(step, condition.Left, null, "the value [IsIn] tests", s3: false))
                    .Add("Values", values);
            }

            case ConditionKind.Not:
            case ConditionKind.Or:
            {
                var children = new List<JsonObject>();
                foreach (var child in condition.Children)
                {
                    var named = body.Named.FirstOrDefault(n => string.Equals(n.Member, child.Text, StringComparison.Ordinal));
                    if (named is null)
                    {
                        Report(RuleIds.UnresolvedReference, child.Origin,
                            "'" + child.Text + "' is not a condition of step '" + step.Name + "': name a static readonly bool field of this class that carries a condition attribute");
                        continue;
                    }

                    if (path.Contains(named.Member!))
                    {
                        Report(RuleIds.DependencyCycle, child.Origin, string.Join(" → ", path.Concat(new[] { named.Member! })));
                        continue;
                    }

                    path.Add(named.Member!);
                    children.Add(BuildConditionJson(step, body, named, path));
                    path.RemoveAt(path.Count - 1);
                }

                if (condition.Kind == ConditionKind.Not)
                {
                    return new JsonObject().Add("Type", "Not").Add("Condition", children.Count > 0 ? children[0] : new JsonObject());
                }

                if (condition.Children.Count < 2)
                {
                    Report(RuleIds.RequiredSettingMissing, condition.Origin.AttributeOnly, "[Or] combines at least two named conditions");
                }

                return new JsonObject().Add("Type", "Or").Add("Conditions", new JsonArray(children));
            }

            default:
            {
                var leftType = TypeOf(condition.Left);
                var equality = condition.Kind == ConditionKind.EqualTo;
                if (!equality && leftType == ParameterType.Boolean)
                {
                    Report(RuleIds.TypeMismatch, condition.Left!.Origin, "A Boolean value can only be compared with [EqualTo]");
                }
                else if (condition.Right is not null)
                {
                    CheckComparable(condition, leftType, condition.Right, equality);
                }

                return new JsonObject()
                    .Add("Type", condition.Kind == ConditionKind.EqualTo ? "Equals" : condition.Kind.ToString())
                    .Add("LeftValue", condition.Left is null ? string.Empty : ResolveValue(step, condition.Left, null, "a condition operand", s3: false))
                    .Add("RightValue", condition.Right is null ? string.Empty : ResolveValue(step, condition.Right, null, "a condition operand", s3: false));
            }
        }
    }

    /// <summary>SGW009 when two operands cannot be compared: numbers with numbers, strings with strings,
    /// booleans with booleans (and only for equality).</summary>
    private void CheckComparable(ConditionDecl condition, ParameterType? left, ValueSource right, bool equality)
    {
        var rightType = TypeOf(right);
        if (left is null || rightType is null)
        {
            return;
        }

        static bool Numeric(ParameterType t) => t is ParameterType.Integer or ParameterType.Float;
        if (left == rightType || (Numeric(left.Value) && Numeric(rightType.Value)))
        {
            if (!equality && rightType == ParameterType.Boolean)
            {
                Report(RuleIds.TypeMismatch, right.Origin, "A Boolean value can only be compared with [EqualTo]");
            }

            return;
        }

        Report(RuleIds.TypeMismatch, right.Origin,
            "Cannot compare " + Article(left.Value) + " value with " + Article(rightType.Value) + " value in " + condition.Kind + "; compare numbers with numbers, text with text");
    }
}
