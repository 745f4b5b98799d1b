// corpus: modelled on ItayTur/Social-Network@33b1064b8d55ed663dbd352a80808c83a15a84cf:IdentityServer/Common/Models/UserModel.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using System;

namespace Common.Models
{
    [DynamoDBTable("Follows")]
    public class FollowModel
    {
        [DynamoDBHashKey]
        public string FollowerId { get; set; }
        [DynamoDBRangeKey]
        public string FolloweeId { get; set; }
        public DateTime Since { get; set; }
        public bool Muted { get; set; }
    }
}
