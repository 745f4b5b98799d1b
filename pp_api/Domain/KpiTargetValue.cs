#nullable enable
using System;

namespace PpApi.Domain;

/// <summary>Target of a KPI: a value, or a band for "within range" KPIs.</summary>
public sealed class KpiTargetValue
{
    public static readonly string[] Periods = { "weekly", "monthly", "quarterly", "yearly" };

    public KpiTargetValue(decimal value, string period, decimal? lowerBound = null, decimal? upperBound = null, DateTime? dueDate = null)
    {
        if (Array.IndexOf(Periods, period) < 0)
        {
            throw new DomainException($"Unknown target period '{period}'.");
        }

        if (lowerBound.HasValue && upperBound.HasValue && lowerBound.Value > upperBound.Value)
        {
            throw new DomainException("The lower bound of a target cannot exceed its upper bound.");
        }

        Value = value;
        Period = period;
        LowerBound = lowerBound;
        UpperBound = upperBound;
        DueDate = dueDate;
    }

    public decimal Value { get; }

    public string Period { get; }

    public decimal? LowerBound { get; }

    public decimal? UpperBound { get; }

    public DateTime? DueDate { get; }

    public bool IsBand => LowerBound.HasValue && UpperBound.HasValue;
}
