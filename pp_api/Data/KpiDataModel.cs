#nullable enable
using Amazon.DynamoDBv2.DataModel;
using PpApi.Data.Constants;
using PpApi.Data.Enums;

namespace PpApi.Data
{
    /// <summary>
    /// A key performance indicator as stored in the <c>kpis</c> table.
    /// </summary>
    [DynamoDBTable(TableNames.Kpis)]
    public class KpiDataModel : BaseDataModel
    {
        /// <summary>KPI id (partition key).</summary>
        [DynamoDBHashKey]
        [DynamoDBProperty(AttributeName = "kpi_id")]
        public string KpiId { get; set; } = string.Empty;

        /// <summary>Owning tenant; hash key of both tenant indexes.</summary>
        [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.TenantIndex, IndexNames.TenantCategoryIndex)]
        [DynamoDBProperty(AttributeNames.TenantId)]
        public string TenantId { get; set; } = string.Empty;

        /// <summary>Category; sort key of the tenant/category index.</summary>
        [DynamoDBGlobalSecondaryIndexRangeKey(IndexNames.TenantCategoryIndex)]
        [DynamoDBProperty("category")]
        public KpiCategory Category { get; set; } = KpiCategory.Process;

        /// <summary>Goal the KPI measures, if it is linked to one (sparse index).</summary>
        [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.GoalIndex)]
        [DynamoDBProperty("goal_id")]
        public string? GoalId { get; set; }

        /// <summary>Display name.</summary>
        [DynamoDBProperty("name")]
        public string Name { get; set; } = string.Empty;

        /// <summary>Unit of measure, e.g. "%", "EUR", "tickets".</summary>
        [DynamoDBProperty("unit")]
        public string Unit { get; set; } = string.Empty;

        /// <summary>Whether higher or lower values are better.</summary>
        [DynamoDBProperty("direction")]
        public KpiDirection Direction { get; set; } = KpiDirection.HigherIsBetter;

        /// <summary>Value at the time the KPI was defined.</summary>
        [DynamoDBProperty("baseline")]
        public double Baseline { get; set; }

        /// <summary>Latest measured value; absent until the first measurement.</summary>
        [DynamoDBProperty("current_value")]
        public decimal? CurrentValue { get; set; }

        /// <summary>Target the KPI is measured against.</summary>
        [DynamoDBProperty("target")]
        public KpiTarget Target { get; set; } = new KpiTarget();

        /// <summary>Relative weight of the KPI in its goal's progress (0-1).</summary>
        [DynamoDBProperty("weight")]
        public double Weight { get; set; } = 1.0;

        /// <summary>Position on the dashboard.</summary>
        public int DisplayOrder { get; set; }

        /// <summary>True when a non-zero target has been set.</summary>
        public bool HasTarget
        {
            get { return Target != null && Target.Value != 0m; }
        }
    }
}
