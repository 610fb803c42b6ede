using System;
using System.Collections.Generic;
using System.Linq;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>Repeated measurements of one quantity; the median is what the tables report.</summary>
    internal sealed class Samples
    {
        private readonly List<double> _values = new List<double>();

        public int Count => _values.Count;

        public void Add(double value) => _values.Add(value);

        public void Add(TimeSpan value) => _values.Add(value.TotalMilliseconds);

        public double Median
        {
            get
            {
                if (_values.Count == 0)
                {
                    return double.NaN;
                }

                double[] sorted = _values.OrderBy(v => v).ToArray();
                int mid = sorted.Length / 2;
                return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
            }
        }

        public double Min => _values.Count == 0 ? double.NaN : _values.Min();

        public double Max => _values.Count == 0 ? double.NaN : _values.Max();

        public override string ToString() => string.Join(" ", _values.Select(v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
