using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Sagewright.Cli.Output;
using Sagewright.Cli.Policies;
using static Sagewright.Cli.Output.Words;

namespace Sagewright.Cli.Explain;

/// <summary>Writes <c>policy explain</c> output: the role (from <c>roles.json</c> and the report's role
/// section), then every statement in document order with its report subsection.</summary>
public static class ExplainRenderer
{
    private static string Kind(RoleContext context) => context.Role?.Kind ?? context.Report?.Kind ?? "";

    private static IEnumerable<string> ContextNotes(RoleContext context)
    {
        if (!context.HasReport)
        {
            yield return "No report.md beside the policy: statements are explained without the report's reasons.";
        }
        else if (context.Report is null)
        {
            yield return $"{context.ReportFile} has no section for {context.RoleName}.";
        }

        if (context.HasRoles && context.Role is null)
        {
            yield return $"roles.json lists no role for {context.RoleName}.";
        }
    }

    // ---------------------------------------------------------------- text

    public static void WriteText(PolicyDocument policy, RoleContext context, StyledOutput output)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var kind = Kind(context);
        output.WriteLine("Role " + context.RoleName + (kind.Length > 0 ? " (" + kind + ")" : ""), Tone.Heading);
        output.WriteLine($"  Policy: {policy.DisplayPath}, {Plural(policy.Statements.Count, "statement", "statements")}");
        if (context.Role is { } role)
        {
            if (role.Arn is not null)
            {
                output.WriteLine("  ARN: " + role.Arn);
            }

            output.WriteLine("  Used by steps: " + (role.UsedBy.Count == 0 ? "none" : string.Join(", ", role.UsedBy)));
            if (role.ManagedPolicies.Count > 0)
            {
                output.WriteLine("  Managed policies: " + string.Join(", ", role.ManagedPolicies));
            }
        }

        foreach (var note in ContextNotes(context))
        {
            output.WriteLine("  " + note, Tone.Muted);
        }

        if (context.Report is { Intro.Count: > 0 } report)
        {
            output.WriteLine("  From " + context.ReportFile + ":");
            foreach (var line in report.Intro)
            {
                output.WriteLine(Indent(line, "    "));
            }
        }

        foreach (var statement in policy.Statements)
        {
            var explained = WithReportNotes(StatementExplainer.Explain(statement, Spelling.Text), statement, context);
            output.WriteLine();
            output.Write("Statement " + explained.Title, Tone.Heading);
            output.WriteLine(": " + (explained.Effect == Effect.Allow ? "Allow" : "Deny"), explained.Effect == Effect.Allow ? Tone.Plain : Tone.Removed);
            output.WriteLine("  " + explained.Sentence);
            foreach (var (label, items) in explained.ItemLists)
            {
                WriteItems(output, label, items);
            }

            if (explained.Wildcards is not null)
            {
                output.Write("  Wildcards: ");
                output.WriteLine(explained.Wildcards, explained.Wildcards.StartsWith("broad, and", StringComparison.Ordinal) ? Tone.Widening : Tone.Plain);
            }

            if (ReportLines(context, statement) is { } lines)
            {
                output.WriteLine("  From " + context.ReportFile + ":");
                foreach (var line in lines)
                {
                    output.WriteLine(Indent(line, "    "));
                }
            }
            else if (context.Report is not null)
            {
                output.WriteLine("  " + context.ReportFile + " has no subsection for this statement.", Tone.Muted);
            }
        }
    }

    private static void WriteItems(StyledOutput output, string label, IReadOnlyList<ExplainedItem> items)
    {
        output.WriteLine("  " + label + ":");
        foreach (var item in items)
        {
            output.WriteLine("    " + item.Text);
            if (item.Note is not null)
            {
                output.WriteLine("      " + item.Note, Tone.Muted);
            }

            if (item.ReportNote is not null)
            {
                output.WriteLine("      " + item.ReportNote, Tone.Widening);
            }
        }
    }

    /// <summary>Flags each resource of the statement that its report.md subsection gives no reason for (checked only
    /// when the subsection exists; a missing one is said once, for the whole statement).</summary>
    private static StatementExplanation WithReportNotes(StatementExplanation explained, PolicyStatement statement, RoleContext context)
    {
        if (context.Report is not { } report || statement.Sid is not { } sid || !report.Statements.ContainsKey(sid)
            || statement.Resources is not { Negated: false } resources || resources.Values.Count != explained.Resources.Count)
        {
            return explained;
        }

        var items = explained.Resources
            .Select((item, i) => report.ReasonsFor(sid, resources.Values[i]).Count == 0 ? item with { ReportNote = context.ReportFile + " gives no reason for this resource" } : item)
            .ToArray();
        return explained with { Resources = items };
    }

    private static string Indent(string line, string indent) => line.Length == 0 ? "" : indent + line;

    private static IReadOnlyList<string>? ReportLines(RoleContext context, PolicyStatement statement) =>
        statement.Sid is not null && context.Report is not null && context.Report.Statements.TryGetValue(statement.Sid, out var lines) ? lines : null;

    // ---------------------------------------------------------------- markdown

    public static void WriteMarkdown(PolicyDocument policy, RoleContext context, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(writer);
        var md = new StringBuilder();
        var kind = Kind(context);
        md.Append("## ").Append(Markdown.Code(context.RoleName)).Append(kind.Length > 0 ? " (" + Markdown.Text(kind) + ")" : "").Append("\n\n");
        md.Append("- **Policy:** ").Append(Markdown.Code(policy.DisplayPath)).Append(", ").Append(Plural(policy.Statements.Count, "statement", "statements")).Append('\n');
        if (context.Role is { } role)
        {
            if (role.Arn is not null)
            {
                md.Append("- **ARN:** ").Append(Markdown.Code(role.Arn)).Append('\n');
            }

            md.Append("- **Used by steps:** ").Append(role.UsedBy.Count == 0 ? "none" : string.Join(", ", role.UsedBy.Select(Markdown.Text))).Append('\n');
            if (role.ManagedPolicies.Count > 0)
            {
                md.Append("- **Managed policies:** ").Append(string.Join(", ", role.ManagedPolicies.Select(Markdown.Code))).Append('\n');
            }
        }

        foreach (var note in ContextNotes(context))
        {
            md.Append("- ").Append(Markdown.Text(note)).Append('\n');
        }

        md.Append('\n');
        if (context.Report is { Intro.Count: > 0 } report)
        {
            AppendQuote(md, report.Intro);
        }

        foreach (var statement in policy.Statements)
        {
            var explained = WithReportNotes(StatementExplainer.Explain(statement, Spelling.Markdown), statement, context);
            md.Append("### ").Append(statement.Sid is null ? Markdown.Text(explained.Title) : Markdown.Code(statement.Sid))
                .Append(" (").Append(explained.Effect == Effect.Allow ? "Allow" : "Deny").Append(")\n\n");
            md.Append(explained.Sentence).Append("\n\n");
            foreach (var (label, items) in explained.ItemLists)
            {
                AppendItems(md, label, items);
            }

            if (explained.Wildcards is not null)
            {
                md.Append("- **Wildcards:** ").Append(Markdown.Text(explained.Wildcards)).Append('\n');
            }

            md.Append('\n');
            if (ReportLines(context, statement) is { } lines)
            {
                md.Append("From `" + context.ReportFile + "`:\n\n");
                AppendQuote(md, lines);
            }
            else if (context.Report is not null)
            {
                md.Append("_" + context.ReportFile + " has no subsection for this statement._\n\n");
            }
        }

        writer.Write(md.ToString());
    }

    private static void AppendItems(StringBuilder md, string label, IReadOnlyList<ExplainedItem> items)
    {
        md.Append("- **").Append(label).Append(":**\n");
        foreach (var item in items)
        {
            md.Append("  - ").Append(item.Text);
            if (item.Note is not null)
            {
                md.Append(": ").Append(item.Note);
            }

            if (item.ReportNote is not null)
            {
                md.Append(item.Note is null ? ": **" : "; **").Append(Markdown.Text(item.ReportNote)).Append("**");
            }

            md.Append('\n');
        }
    }

    /// <summary>report.md's lines as a quote, keeping their markdown (code spans, lists) but not what could act
    /// outside the quote or impersonate the tool: control characters are escaped, <c>&lt;</c> is text (no HTML
    /// comment or tag), and a line cannot start an alert (<c>[!TIP]</c>).</summary>
    private static void AppendQuote(StringBuilder md, IReadOnlyList<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = ControlCharacters.Escape(raw).Replace("<", "&lt;", StringComparison.Ordinal);
            var body = line.TrimStart(' ', '>');
            if (body.StartsWith("[!", StringComparison.Ordinal))
            {
                line = line[..(line.Length - body.Length)] + "\\" + body;
            }

            md.Append(line.Length == 0 ? ">" : "> " + line).Append('\n');
        }

        md.Append('\n');
    }
}
