// corpus: modelled on ItayTur/Social-Network@33b1064b8d55ed663dbd352a80808c83a15a84cf:IdentityServer/Common/Models/UserModel.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using Common.Enums;
using System;

namespace Common.Models
{
    [DynamoDBTable("Accounts")]
    public class AccountModel
    {
        [DynamoDBHashKey]
        public string Id { get; set; }
        public string Email { get; set; }
        public string Job { get; set; }
        public RegistrationKind Registration { get; set; }
        public DateTime BirthDate { get; set; }
    }
}
