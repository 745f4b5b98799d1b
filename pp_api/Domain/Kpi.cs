#nullable enable
using System;
using PpApi.Domain.Enums;

namespace PpApi.Domain;

/// <summary>A key performance indicator with a baseline, a target and a current value.</summary>
public class Kpi
{
    internal Kpi(string id, string tenantId, string name, string unit, KpiTargetValue target, AuditInfo audit)
    {
        Id = id;
        TenantId = tenantId;
        Name = name;
        Unit = unit;
        Target = target;
        Audit = audit;
    }

    public string Id { get; }

    public string TenantId { get; }

    public string? GoalId { get; internal set; }

    public string Name { get; private set; }

    public string Unit { get; }

    public KpiCategory Category { get; internal set; } = KpiCategory.Process;

    public KpiDirection Direction { get; internal set; } = KpiDirection.HigherIsBetter;

    public double Baseline { get; internal set; }

    public decimal? CurrentValue { get; internal set; }

    public KpiTargetValue Target { get; private set; }

    public double Weight { get; internal set; } = 1.0;

    public int DisplayOrder { get; internal set; }

    public AuditInfo Audit { get; }

    public static Kpi Create(string tenantId, string name, string unit, KpiCategory category, KpiDirection direction, double baseline, KpiTargetValue target, string createdBy)
    {
        var kpi = new Kpi(
            Guid.NewGuid().ToString("N"),
            Guard.NotBlank(tenantId, "Tenant"),
            Guard.NotBlank(name, "Name", 120),
            Guard.NotBlank(unit, "Unit", 20),
            target,
            AuditInfo.CreatedNow(createdBy))
        {
            Category = category,
            Direction = direction,
            Baseline = baseline,
        };
        kpi.ValidateTarget(target);
        return kpi;
    }

    /// <summary>
    /// Progress towards the target in percent (0-100), or null when there is nothing to measure yet.
    /// For "within range" KPIs the result is 100 inside the band and 0 outside it.
    /// </summary>
    public decimal? ProgressPercent
    {
        get
        {
            if (!CurrentValue.HasValue)
            {
                return null;
            }

            var current = CurrentValue.Value;
            if (Direction == KpiDirection.WithinRange)
            {
                var inside = (!Target.LowerBound.HasValue || current >= Target.LowerBound.Value)
                    && (!Target.UpperBound.HasValue || current <= Target.UpperBound.Value);
                return inside ? 100m : 0m;
            }

            var baseline = (decimal)Baseline;
            var span = Target.Value - baseline;
            if (span == 0m)
            {
                return current == Target.Value ? 100m : 0m;
            }

            var ratio = (current - baseline) / span;
            return Math.Round(Math.Clamp(ratio, 0m, 1m) * 100m, 1, MidpointRounding.AwayFromZero);
        }
    }

    public bool IsOnTrack => ProgressPercent.GetValueOrDefault() >= 70m;

    public void Rename(string name, string actorId)
    {
        Name = Guard.NotBlank(name, "Name", 120);
        Audit.Touch(actorId);
    }

    public void ChangeTarget(KpiTargetValue target, string actorId)
    {
        ValidateTarget(target);
        Target = target;
        Audit.Touch(actorId);
    }

    public void LinkToGoal(Goal goal, string actorId)
    {
        if (goal.TenantId != TenantId)
        {
            throw new DomainException("A KPI can only be linked to a goal of the same tenant.");
        }

        if (goal.IsClosed)
        {
            throw new DomainException("A KPI cannot be linked to a closed goal.");
        }

        GoalId = goal.Id;
        Audit.Touch(actorId);
    }

    public void Record(Measurement measurement)
    {
        if (measurement.KpiId != Id)
        {
            throw new DomainException("The measurement belongs to another KPI.");
        }

        CurrentValue = measurement.Value;
        Audit.Touch(measurement.Audit.CreatedBy);
    }

    private void ValidateTarget(KpiTargetValue target)
    {
        if (Direction == KpiDirection.WithinRange && !target.IsBand)
        {
            throw new DomainException("A 'within range' KPI needs a lower and an upper bound.");
        }

        var baseline = (decimal)Baseline;
        if (Direction == KpiDirection.HigherIsBetter && target.Value < baseline)
        {
            throw new DomainException("The target must not be below the baseline when higher is better.");
        }

        if (Direction == KpiDirection.LowerIsBetter && target.Value > baseline)
        {
            throw new DomainException("The target must not be above the baseline when lower is better.");
        }
    }
}
