using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sagewright.Cli.Output;
using Sagewright.Cli.Policies;
using static Sagewright.Cli.Output.Words;

namespace Sagewright.Cli.Diff;

/// <summary>The three output formats of <c>policy diff</c>. All are deterministic: files by path (in
/// markdown, files with widening first), changes widening first, then added, then removed, each by action,
/// resource, principal, effect and conditions; numbers invariant; <c>\n</c> line ends.</summary>
public static partial class DiffRenderers
{
    private static string Status(FileStatus status) => status switch
    {
        FileStatus.Added => "new file",
        FileStatus.Removed => "deleted",
        _ => "modified",
    };

    private static string SidSuffix(Grant grant) => grant.Sids.Count switch
    {
        0 => "",
        1 => " (Sid " + grant.Sids[0] + ")",
        _ => " (Sids " + string.Join(", ", grant.Sids) + ")",
    };

    // ---------------------------------------------------------------- text

    public static void WriteText(DiffResult result, StyledOutput output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        if (!result.HasChanges)
        {
            output.WriteLine($"No policy changes ({Plural(result.FilesCompared, "file", "files")} compared).");
            return;
        }

        foreach (var file in result.Files)
        {
            output.Write(file.Path, Tone.Heading);
            output.Write($" ({Status(file.Status)}): {Counts(file)}");
            if (file.Widening > 0)
            {
                output.Write(", ");
                output.Write(Plural(file.Widening, "widening", "widening"), Tone.Widening);
            }

            output.WriteLine();
            foreach (var change in file.DocumentChanges)
            {
                output.WriteLine(DocumentSymbol(change.Kind) + change.Subject + ": " + change.Text, change.Kind switch
                {
                    ChangeKind.Added => Tone.Added,
                    ChangeKind.Removed => Tone.Removed,
                    _ => Tone.Plain,
                });
                if (change.Reason is not null)
                {
                    output.Write("    ");
                    output.Write("WIDENING", Tone.Widening);
                    output.WriteLine(": " + change.Reason);
                }
            }

            foreach (var change in file.Changes)
            {
                if (change.Previous is { } previous)
                {
                    output.WriteLine("  ~ " + ChangePairing.Unchanged(previous, change.Grant) + SidSuffix(change.Grant) + ": " + change.Description);
                }
                else
                {
                    var added = change.Kind == ChangeKind.Added;
                    output.WriteLine((added ? "  + " : "  - ") + change.Grant + SidSuffix(change.Grant), added ? Tone.Added : Tone.Removed);
                }

                if (change.Reason is not null)
                {
                    output.Write("    ");
                    output.Write("WIDENING", Tone.Widening);
                    output.WriteLine(": " + change.Reason);
                }

                if (change.ReportReasons is { Count: 0 })
                {
                    output.WriteLine("    report.md gives no reason for this grant", Tone.Widening);
                }

                foreach (var reason in change.ReportReasons ?? [])
                {
                    output.WriteLine("    report.md: " + reason, Tone.Muted);
                }
            }

            output.WriteLine();
        }

        output.Write(Summary(result));
        output.WriteLine();
    }

    private static string DocumentSymbol(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "  + ",
        ChangeKind.Removed => "  - ",
        _ => "  ~ ",
    };

    /// <summary>"2 added, 1 removed" for a policy (with ", 1 other change" for a Version change); "3 role changes"
    /// for roles.json.</summary>
    private static string Counts(FileDiff file)
    {
        if (file.Kind == FileKind.Roles)
        {
            return Plural(file.DocumentChanges.Count, "role change", "role changes");
        }

        var text = $"{Number(file.Added)} added, {Number(file.Removed)} removed" + (file.Changed == 0 ? "" : $", {Number(file.Changed)} changed");
        return file.DocumentChanges.Count == 0 ? text : text + ", " + Plural(file.DocumentChanges.Count, "other change", "other changes");
    }

    private static string Summary(DiffResult result)
    {
        var text = $"{Plural(result.FilesCompared, "file", "files")} compared, {Number(result.Files.Count)} changed: " +
            $"{Plural(result.Added, "grant", "grants")} added, {Number(result.Removed)} removed, " +
            (result.Changed == 0 ? "" : Number(result.Changed) + " changed, ") +
            (result.DocumentChanges == 0 ? "" : Plural(result.DocumentChanges, "other change", "other changes") + ", ");
        return text + (result.Widening == 0 ? "no widening." : Plural(result.Widening, "widening change", "widening changes") + ".");
    }

    // ---------------------------------------------------------------- markdown

    public static void WriteMarkdown(DiffResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        var md = new StringBuilder();
        md.Append("## Sagewright policy diff\n\n");
        if (!result.HasChanges)
        {
            md.Append("No policy changes (").Append(Plural(result.FilesCompared, "file", "files")).Append(" compared).\n\n");
            AppendFooter(md, result);
            writer.Write(md.ToString());
            return;
        }

        var wideningFiles = result.Files.Count(f => f.Widening > 0);
        if (result.Widening > 0)
        {
            md.Append("> [!WARNING]\n");
            md.Append("> **").Append(Plural(result.Widening, "widening change", "widening changes")).Append("** in ")
                .Append(Plural(wideningFiles, "file", "files"))
                .Append(": the new policies allow something the old ones did not. Review them before merging.\n\n");
        }
        else
        {
            md.Append("> [!NOTE]\n");
            md.Append("> No widening: ").Append(Plural(result.Added, "grant", "grants")).Append(" added, ")
                .Append(Number(result.Removed)).Append(" removed, ")
                .Append(result.Changed == 0 ? "and every added grant" : Number(result.Changed) + " changed, and every added or changed grant")
                .Append(" was already covered.\n\n");
        }

        var files = result.Files.OrderBy(f => f.Widening > 0 ? 0 : 1).ThenBy(f => f.Path, StringComparer.Ordinal).ToArray();
        var showOther = result.DocumentChanges > 0;
        var showChanged = result.Changed > 0;
        md.Append("| File | Status | Added | Removed |").Append(showChanged ? " Changed |" : "").Append(showOther ? " Other |" : "").Append(" Widening |\n");
        md.Append("| --- | --- | ---: | ---: |").Append(showChanged ? " ---: |" : "").Append(showOther ? " ---: |" : "").Append(" ---: |\n");
        foreach (var file in files)
        {
            md.Append("| ").Append(Markdown.Code(file.Path))
                .Append(" | ").Append(Status(file.Status))
                .Append(" | ").Append(Number(file.Added))
                .Append(" | ").Append(Number(file.Removed));
            if (showChanged)
            {
                md.Append(" | ").Append(Number(file.Changed));
            }

            if (showOther)
            {
                md.Append(" | ").Append(Number(file.DocumentChanges.Count));
            }

            md.Append(" | ").Append(file.Widening > 0 ? "**" + Number(file.Widening) + "**" : "0")
                .Append(" |\n");
        }

        md.Append('\n');
        foreach (var file in files)
        {
            md.Append("### ").Append(file.Widening > 0 ? "Widening: " : "").Append(Markdown.Code(file.Path))
                .Append(" (").Append(Status(file.Status)).Append(")\n\n");
            AppendDocumentChanges(md, file);
            if (file.Changes.Count == 0)
            {
                continue;
            }

            var showPrincipal = file.Changes.Any(c => c.Grant.Principal.Kind != TermKind.None);
            var showResource = file.Changes.Any(c => c.Grant.Resource.Kind != TermKind.None);
            md.Append("| Change | Effect | Action |");
            md.Append(showResource ? " Resource |" : "").Append(showPrincipal ? " Principal |" : "");
            var showReason = file.Widening > 0;
            var showReport = file.Changes.Any(c => c.ReportReasons is not null);
            md.Append(" Condition | Sid |").Append(showReason ? " Why it widens |" : "").Append(showReport ? " Reason (report.md) |" : "").Append('\n');
            md.Append("| --- | --- | --- |").Append(showResource ? " --- |" : "").Append(showPrincipal ? " --- |" : "").Append(" --- | --- |")
                .Append(showReason ? " --- |" : "").Append(showReport ? " --- |" : "").Append('\n');
            foreach (var change in file.Changes)
            {
                var grant = change.Grant;
                var previous = change.Previous ?? grant;
                var kind = change.Kind switch { ChangeKind.Added => "added", ChangeKind.Removed => "removed", _ => "changed" };
                md.Append("| ").Append(change.IsWidening ? "**WIDENING** " + kind : kind)
                    .Append(" | ").Append(grant.Effect == Effect.Allow ? "Allow" : "Deny")
                    .Append(" | ").Append(TermCell(grant.Action, "action"));
                if (showResource)
                {
                    md.Append(" | ").Append(previous.Resource.Equals(grant.Resource)
                        ? TermCell(grant.Resource, "resource")
                        : "changed from " + OrNone(TermCell(previous.Resource, "resource")) + " to " + OrNone(TermCell(grant.Resource, "resource")));
                }

                if (showPrincipal)
                {
                    md.Append(" | ").Append(TermCell(grant.Principal, "principal"));
                }

                md.Append(" | ").Append(previous.Conditions.SequenceEqual(grant.Conditions)
                        ? ConditionsCell(grant)
                        : "changed from " + OrNone(ConditionsCell(previous)) + " to " + OrNone(ConditionsCell(grant)))
                    .Append(" | ").Append(Markdown.Text(string.Join(", ", grant.Sids)));
                if (showReason)
                {
                    md.Append(" | ").Append(change.Reason is null ? "" : Markdown.Text(change.Reason));
                }

                if (showReport)
                {
                    md.Append(" | ").Append(change.ReportReasons switch
                    {
                        null => "",
                        { Count: 0 } => "_none given_",
                        var reasons => string.Join("<br>", reasons.Select(Markdown.Text)),
                    });
                }

                md.Append(" |\n");
            }

            md.Append('\n');
        }

        AppendFooter(md, result);
        writer.Write(md.ToString());
    }

    /// <summary>The changes that are not grants (a Version, the roles of roles.json) as their own table.</summary>
    private static void AppendDocumentChanges(StringBuilder md, FileDiff file)
    {
        if (file.DocumentChanges.Count == 0)
        {
            return;
        }

        var showReason = file.DocumentChanges.Any(c => c.IsWidening);
        md.Append("| Change | Subject | What changed |").Append(showReason ? " Why it widens |" : "").Append('\n');
        md.Append("| --- | --- | --- |").Append(showReason ? " --- |" : "").Append('\n');
        foreach (var change in file.DocumentChanges)
        {
            var kind = change.Kind switch
            {
                ChangeKind.Added => "added",
                ChangeKind.Removed => "removed",
                _ => "changed",
            };
            md.Append("| ").Append(change.IsWidening ? "**WIDENING** " + kind : kind)
                .Append(" | ").Append(Markdown.Text(change.Subject))
                .Append(" | ").Append(Markdown.Text(change.Text));
            if (showReason)
            {
                md.Append(" | ").Append(change.Reason is null ? "" : Markdown.Text(change.Reason));
            }

            md.Append(" |\n");
        }

        md.Append('\n');
    }

    private static string ConditionsCell(Grant grant) => string.Join("<br>", grant.Conditions.Select(c => Markdown.Code(c.ToString())));

    private static string OrNone(string cell) => cell.Length == 0 ? "(none)" : cell;

    private static string TermCell(Term term, string noun) => term.Kind switch
    {
        TermKind.None => "",
        TermKind.One => Markdown.Code(term.Pattern),
        _ => "every " + noun + " except " + string.Join(", ", term.Values.Select(Markdown.Code)),
    };

    private static void AppendFooter(StringBuilder md, DiffResult result)
    {
        md.Append("<sub>").Append(Markdown.Text(Summary(result).TrimEnd('.'))).Append(". Compared ")
            .Append(Markdown.Code(result.OldArgument)).Append(" with ").Append(Markdown.Code(result.NewArgument))
            .Append(" by <code>sagewright policy diff</code>.</sub>\n");
    }

    // ---------------------------------------------------------------- json

    /// <summary>Writes <paramref name="result"/> in <paramref name="format"/>.</summary>
    public static void Write(DiffResult result, string format, TextWriter writer, bool color)
    {
        switch (format)
        {
            case "markdown":
                WriteMarkdown(result, writer);
                break;
            case "json":
                WriteJson(result, writer);
                break;
            default:
                WriteText(result, StyledOutput.Create(writer, color));
                break;
        }
    }
}
