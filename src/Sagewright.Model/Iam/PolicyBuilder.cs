namespace Sagewright.Model.Iam;

/// <summary>The kinds of role in <c>roles.json</c>.</summary>
public static class RoleKinds
{
    public const string Pipeline = "pipeline";
    public const string Job = "job";
    public const string Inference = "inference";

    /// <summary>When two logical roles are one IAM role, it is reported as the kind that comes first here.</summary>
    public static int Rank(string kind) => kind switch
    {
        Pipeline => 0,
        Job => 1,
        _ => 2,
    };
}

/// <summary>One statement of an identity policy while it is being derived: everything is kept sorted (ordinal) so
/// that the written policy never depends on the order in which steps were visited.</summary>
internal sealed class StatementBuilder
{
    public StatementBuilder(string sid) => Sid = sid;

    public string Sid { get; }

    public SortedSet<string> Actions { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Resources { get; } = new(StringComparer.Ordinal);

    /// <summary>Operator → key → values.</summary>
    public SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> Conditions { get; } = new(StringComparer.Ordinal);

    /// <summary>Resource → why it is there (steps and their declared inputs and outputs).</summary>
    public SortedDictionary<string, SortedSet<string>> Why { get; } = new(StringComparer.Ordinal);

    /// <summary>Notes about the statement as a whole (why a wildcard is needed, for example).</summary>
    public SortedSet<string> Notes { get; } = new(StringComparer.Ordinal);

    /// <summary>Set when one of the resources needs the action without conditions (a whole bucket): the conditions
    /// other resources asked for are then dropped, as one statement cannot hold both.</summary>
    public bool Unconditional { get; set; }

    public StatementBuilder Allow(params string[] actions)
    {
        foreach (var action in actions)
        {
            Actions.Add(action);
        }

        return this;
    }

    public StatementBuilder On(string resource, string? reason)
    {
        Resources.Add(resource);
        if (!Why.TryGetValue(resource, out var reasons))
        {
            reasons = new SortedSet<string>(StringComparer.Ordinal);
            Why[resource] = reasons;
        }

        if (reason is not null)
        {
            reasons.Add(reason);
        }

        return this;
    }

    public StatementBuilder When(string op, string key, string value)
    {
        if (!Conditions.TryGetValue(op, out var keys))
        {
            keys = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            Conditions[op] = keys;
        }

        if (!keys.TryGetValue(key, out var values))
        {
            values = new SortedSet<string>(StringComparer.Ordinal);
            keys[key] = values;
        }

        values.Add(value);
        return this;
    }

    public StatementBuilder Note(string note)
    {
        Notes.Add(note);
        return this;
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject()
            .Add("Sid", Sid)
            .Add("Effect", "Allow")
            .Add("Action", Strings(Actions))
            .Add("Resource", Strings(Resources));
        if (Conditions.Count > 0 && !Unconditional)
        {
            json.Add("Condition", ConditionJson(Conditions));
        }

        return json;
    }

    internal static JsonObject ConditionJson(SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> conditions)
    {
        var condition = new JsonObject();
        foreach (var op in conditions)
        {
            var keys = new JsonObject();
            foreach (var key in op.Value)
            {
                keys.Add(key.Key, Strings(key.Value));
            }

            condition.Add(op.Key, keys);
        }

        return condition;
    }

    internal static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonValue)v));
}

/// <summary>One IAM role while it is being derived: its identity policy, the sources its trust policy accepts, the
/// steps that use it and the managed policies asked for.</summary>
internal sealed class RoleBuilder
{
    private readonly Dictionary<string, StatementBuilder> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StatementBuilder> _keyed = new(StringComparer.Ordinal);

    public RoleBuilder(string name, string arn, string kind)
    {
        Name = name;
        Arn = arn;
        Kind = kind;
    }

    public string Name { get; }

    public string Arn { get; }

    public string Kind { get; private set; }

    public SortedSet<string> UsedBy { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> ManagedPolicies { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>aws:SourceArn</c> patterns the trust policy accepts.</summary>
    public SortedSet<string> TrustSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Why the trust policy accepts each source.</summary>
    public SortedDictionary<string, SortedSet<string>> TrustWhy { get; } = new(StringComparer.Ordinal);

    public IEnumerable<StatementBuilder> Statements => _statements.Values.OrderBy(s => s.Sid, StringComparer.Ordinal);

    public void Widen(string kind)
    {
        if (RoleKinds.Rank(kind) < RoleKinds.Rank(Kind))
        {
            Kind = kind;
        }
    }

    /// <summary>The statement with this Sid, created on first use.</summary>
    public StatementBuilder Statement(string sid)
    {
        if (!_statements.TryGetValue(sid, out var statement))
        {
            statement = new StatementBuilder(sid);
            _statements[sid] = statement;
        }

        return statement;
    }

    /// <summary>The statement for <paramref name="key"/> (a bucket, a granted action), created on first use with a Sid
    /// made from <paramref name="sidBase"/> and unique in the policy.</summary>
    public StatementBuilder KeyedStatement(string key, string sidBase)
    {
        if (_keyed.TryGetValue(key, out var statement))
        {
            return statement;
        }

        var sid = sidBase;
        for (var i = 2; _statements.ContainsKey(sid); i++)
        {
            sid = sidBase + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        statement = Statement(sid);
        _keyed[key] = statement;
        return statement;
    }

    public void Trust(string sourceArn, string reason)
    {
        TrustSources.Add(sourceArn);
        if (!TrustWhy.TryGetValue(sourceArn, out var reasons))
        {
            reasons = new SortedSet<string>(StringComparer.Ordinal);
            TrustWhy[sourceArn] = reasons;
        }

        reasons.Add(reason);
    }

    public string PolicyFile => Name + ".policy.json";

    public string TrustFile => Name + ".trust.json";

    public string PolicyJson() => PolicyDocument().ToJson() + "\n";

    /// <summary>The identity policy (<see cref="PolicyJson"/> is its text; the CloudFormation template embeds it).</summary>
    public JsonObject PolicyDocument() =>
        new JsonObject()
            .Add("Version", IamNames.PolicyVersion)
            .Add("Statement", new JsonArray(Statements.Where(s => s.Actions.Count > 0).Select(s => (JsonValue)s.ToJson())));

    public string TrustJson(string account) => TrustDocument(account).ToJson() + "\n";

    /// <summary>The trust policy (<see cref="TrustJson"/> is its text; the CloudFormation template embeds it).</summary>
    public JsonObject TrustDocument(string account)
    {
        var conditions = TrustConditions(account);
        var statement = new JsonObject()
            .Add("Sid", "AllowSageMakerToAssumeThisRoleForThisPipelineOnly")
            .Add("Effect", "Allow")
            .Add("Principal", new JsonObject().Add("Service", IamNames.SageMakerPrincipal))
            .Add("Action", StatementBuilder.Strings(new[] { "sts:AssumeRole" }))
            .Add("Condition", StatementBuilder.ConditionJson(conditions));
        return new JsonObject()
            .Add("Version", IamNames.PolicyVersion)
            .Add("Statement", new JsonArray(new JsonValue[] { statement }));
    }

    internal SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> TrustConditions(string account)
    {
        var conditions = new SortedDictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal)
        {
            ["StringEquals"] = new(StringComparer.Ordinal) { ["aws:SourceAccount"] = new SortedSet<string>(StringComparer.Ordinal) { account } },
        };
        if (TrustSources.Count > 0)
        {
            conditions["ArnLike"] = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal) { ["aws:SourceArn"] = new SortedSet<string>(TrustSources, StringComparer.Ordinal) };
        }

        return conditions;
    }
}
