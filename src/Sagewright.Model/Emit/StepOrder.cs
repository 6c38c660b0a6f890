namespace Sagewright.Model.Emit;

/// <summary>The order of the steps in the definition, from the graph's dependency edges.</summary>
internal sealed class StepOrder(PipelineCompilation compilation) : CompilerPass(compilation)
{
    /// <summary>Topological order, ties broken by step name (ordinal) so that file order never matters.
    /// Reports every cycle (SGW003) and returns null when there is one.</summary>
    internal List<string>? OrderSteps()
    {
        var remaining = Steps.ToDictionary(s => s.TypeName, s => Index.Producers[s.TypeName].Count, StringComparer.Ordinal);
        var dependents = Steps.ToDictionary(s => s.TypeName, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var step in Steps)
        {
            foreach (var producer in Index.Producers[step.TypeName].Select(e => e.Producer))
            {
                dependents[producer].Add(step.TypeName);
            }
        }

        var ready = new SortedSet<(string Name, string Type)>(
            Steps.Where(s => remaining[s.TypeName] == 0).Select(s => (s.Name, s.TypeName)),
            Comparer<(string Name, string Type)>.Create((a, b) =>
            {
                var c = string.CompareOrdinal(a.Name, b.Name);
                return c != 0 ? c : string.CompareOrdinal(a.Type, b.Type);
            }));
        var order = new List<string>();
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(next.Type);
            foreach (var dependent in dependents[next.Type])
            {
                if (--remaining[dependent] == 0)
                {
                    ready.Add((Index.StepsByType[dependent].Name, dependent));
                }
            }
        }

        if (order.Count == Steps.Count)
        {
            return order;
        }

        ReportCycles(new HashSet<string>(Steps.Select(s => s.TypeName).Except(order), StringComparer.Ordinal));
        return null;
    }

    private void ReportCycles(HashSet<string> stuck)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in stuck.OrderBy(t => Index.StepsByType[t].Name, StringComparer.Ordinal))
        {
            if (reported.Contains(start))
            {
                continue;
            }

            // Walk producer edges from the start until a node repeats: that closes a cycle.
            var path = new List<(string Type, Origin Origin)>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var current = start;
            while (!seen.ContainsKey(current))
            {
                seen[current] = path.Count;
                var edge = Index.Producers[current].Where(e => stuck.Contains(e.Producer)).OrderBy(e => Index.StepsByType[e.Producer].Name, StringComparer.Ordinal).First();
                path.Add((current, edge.Origin));
                current = edge.Producer;
            }

            var cycle = path.Skip(seen[current]).ToList();
            if (cycle.Any(c => reported.Contains(c.Type)))
            {
                continue;
            }

            foreach (var node in cycle)
            {
                reported.Add(node.Type);
            }

            // Names in data-flow order (producer → consumer), starting and ending with the step the
            // diagnostic is reported on: cycle[i] consumes cycle[i + 1], so read the rest backwards.
            var names = new List<string> { Index.StepsByType[cycle[0].Type].Name };
            names.AddRange(cycle.Skip(1).Reverse().Select(c => Index.StepsByType[c.Type].Name));
            names.Add(names[0]);
            Report(RuleIds.DependencyCycle, cycle[0].Origin, string.Join(" → ", names));
        }
    }
}
