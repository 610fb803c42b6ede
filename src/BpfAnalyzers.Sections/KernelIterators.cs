using System;
using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// The BPF iterator targets the Linux kernel defines (<c>DEFINE_BPF_ITER_FUNC</c>), generated from
    /// <c>data/kernel/iterators.tsv</c> into <c>KernelIterators.g.cs</c>. Which of them a given kernel has
    /// depends on its version and configuration (a kernel profile's <c>[iter]</c> part says).
    /// </summary>
    public static partial class KernelIterators
    {
        /// <summary>Every known iterator name, sorted ordinally.</summary>
        public static IReadOnlyList<string> Names => s_names;

        /// <summary>True when some Linux release defines iterator <paramref name="name"/>.</summary>
        public static bool IsKnown(string name, int start, int length)
        {
            foreach (string known in s_names)
            {
                if (known.Length == length && string.CompareOrdinal(known, 0, name, start, length) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The known names nearest to <paramref name="name"/>, if within two edits (only the nearest: a guess further off misleads).</summary>
        public static IReadOnlyList<string> Nearest(string name, int max)
        {
            var scored = new List<(int Distance, string Name)>();
            foreach (string known in s_names)
            {
                int d = Distance(name, known);
                if (d <= 2 && d < Math.Max(known.Length, name.Length))
                {
                    scored.Add((d, known));
                }
            }

            scored.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Name, b.Name));
            var result = new List<string>();
            for (int i = 0; i < scored.Count && i < max && scored[i].Distance == scored[0].Distance; i++)
            {
                result.Add(scored[i].Name);
            }

            return result;
        }

        /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions).</summary>
        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (int j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        best = Math.Min(best, d[i - 2, j - 2] + 1);
                    }

                    d[i, j] = best;
                }
            }

            return d[a.Length, b.Length];
        }
    }
}
