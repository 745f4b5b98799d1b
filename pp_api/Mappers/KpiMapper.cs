#nullable enable
using PpApi.Data;
using PpApi.Domain;

namespace PpApi.Mappers;

/// <summary>Maps <see cref="Kpi"/> to and from <see cref="KpiDataModel"/>.</summary>
public static class KpiMapper
{
    public static Kpi ToDomain(KpiDataModel model)
    {
        var target = model.Target ?? new KpiTarget();
        return new Kpi(model.KpiId, model.TenantId, model.Name, model.Unit, ToDomain(target), AuditMapper.ToDomain(model))
        {
            GoalId = model.GoalId,
            Category = EnumMapper.ToDomain(model.Category),
            Direction = EnumMapper.ToDomain(model.Direction),
            Baseline = model.Baseline,
            CurrentValue = model.CurrentValue,
            Weight = model.Weight,
            DisplayOrder = model.DisplayOrder,
        };
    }

    public static KpiDataModel ToDataModel(Kpi kpi)
    {
        var model = new KpiDataModel
        {
            KpiId = kpi.Id,
            TenantId = kpi.TenantId,
            Category = EnumMapper.ToData(kpi.Category),
            GoalId = kpi.GoalId,
            Name = kpi.Name,
            Unit = kpi.Unit,
            Direction = EnumMapper.ToData(kpi.Direction),
            Baseline = kpi.Baseline,
            CurrentValue = kpi.CurrentValue,
            Target = ToDataModel(kpi.Target),
            Weight = kpi.Weight,
            DisplayOrder = kpi.DisplayOrder,
        };
        AuditMapper.CopyTo(kpi.Audit, model);
        return model;
    }

    public static KpiTargetValue ToDomain(KpiTarget target) =>
        new KpiTargetValue(target.Value, target.Period, target.LowerBound, target.UpperBound, AuditMapper.AsUtc(target.DueDate));

    public static KpiTarget ToDataModel(KpiTargetValue target) => new KpiTarget
    {
        Value = target.Value,
        LowerBound = target.LowerBound,
        UpperBound = target.UpperBound,
        Period = target.Period,
        DueDate = target.DueDate,
    };
}
