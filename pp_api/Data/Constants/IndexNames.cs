namespace PpApi.Data.Constants
{
    /// <summary>
    /// Names of the global and local secondary indexes. Shared with the query repositories so a
    /// rename cannot leave a query pointing at an index that no longer exists.
    /// </summary>
    public static class IndexNames
    {
        /// <summary>GSI: every item of a tenant.</summary>
        public const string TenantIndex = "tenant_id-index";

        /// <summary>GSI: KPIs of a tenant, sorted by category.</summary>
        public const string TenantCategoryIndex = "tenant_id-category-index";

        /// <summary>GSI: goals of an owner, sorted by status.</summary>
        public const string OwnerStatusIndex = "owner_id-status-index";

        /// <summary>GSI: KPIs linked to a goal.</summary>
        public const string GoalIndex = "goal_id-index";

        /// <summary>GSI on the users table (camelCase attributes): users of a tenant.</summary>
        public const string UserTenantIndex = "tenantId-index";

        /// <summary>GSI on the users table: lookup by e-mail address at sign-in.</summary>
        public const string EmailIndex = "email-index";

        /// <summary>GSI: sessions of a user, newest first.</summary>
        public const string UserStartedIndex = "user_id-started_at-index";

        /// <summary>GSI: conversations held within a session.</summary>
        public const string SessionIndex = "session_id-index";

        /// <summary>LSI: items of a partition ordered by creation time.</summary>
        public const string ByCreatedIndex = "by-created-index";

        /// <summary>LSI: actions of a goal ordered by due date.</summary>
        public const string ByDueDateIndex = "by-due-date-index";
    }
}
