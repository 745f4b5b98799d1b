#nullable enable
using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
using PpApi.Data.Constants;
using PpApi.Data.Enums;

namespace PpApi.Data
{
    /// <summary>
    /// A tenant's strategy, stored in the <c>strategies</c> table under its tenant.
    /// </summary>
    [DynamoDBTable(TableNames.Strategies)]
    public class StrategyDataModel : BaseDataModel
    {
        /// <summary>Owning tenant (partition key).</summary>
        [DynamoDBHashKey(AttributeNames.TenantId)]
        public string TenantId { get; set; } = string.Empty;

        /// <summary>Strategy id (sort key).</summary>
        [DynamoDBRangeKey("strategy_id")]
        public string StrategyId { get; set; } = string.Empty;

        /// <summary>Title of the strategy.</summary>
        [DynamoDBProperty("title")]
        public string Title { get; set; } = string.Empty;

        /// <summary>Approval state.</summary>
        [DynamoDBProperty("status")]
        public StrategyStatus Status { get; set; } = StrategyStatus.Draft;

        /// <summary>Vision, mission and values the strategy is aligned with.</summary>
        [DynamoDBProperty("alignment")]
        public Alignment? StrategicAlignment { get; set; }

        /// <summary>Goals that implement the strategy.</summary>
        [DynamoDBProperty("goal_ids")]
        public List<string> GoalIds { get; set; } = new List<string>();

        /// <summary>Budget allocated for the strategy period, in the tenant's currency.</summary>
        [DynamoDBProperty("budget")]
        public decimal Budget { get; set; }

        /// <summary>How often the strategy is reviewed, in days.</summary>
        [DynamoDBProperty("review_cadence_days")]
        public int ReviewCadenceDays { get; set; } = 90;

        /// <summary>First day of the strategy period.</summary>
        [DynamoDBProperty("period_start")]
        public DateTime PeriodStart { get; set; } = DateTime.UtcNow;

        /// <summary>Last day of the strategy period.</summary>
        [DynamoDBProperty("period_end")]
        public DateTime? PeriodEnd { get; set; }

        /// <summary>When the strategy was approved; only set through <see cref="Approve"/>.</summary>
        [DynamoDBProperty("approved_at")]
        public DateTime? ApprovedAt { get; private set; }

        /// <summary>Who approved the strategy.</summary>
        [DynamoDBProperty("approved_by")]
        public string? ApprovedBy { get; private set; }

        /// <summary>Marks the strategy approved.</summary>
        public void Approve(string approverId, DateTime approvedAtUtc)
        {
            Status = StrategyStatus.Approved;
            ApprovedBy = approverId;
            ApprovedAt = approvedAtUtc;
        }

        /// <summary>
        /// Statements a strategy is aligned with. Stored as a map inside the strategy item.
        /// </summary>
        public class Alignment
        {
            /// <summary>Vision statement.</summary>
            [DynamoDBProperty("vision")]
            public string? Vision { get; set; }

            /// <summary>Mission statement.</summary>
            [DynamoDBProperty("mission")]
            public string? Mission { get; set; }

            /// <summary>Core values, in display order.</summary>
            [DynamoDBProperty("core_values")]
            public List<string> CoreValues { get; set; } = new List<string>();
        }
    }
}
