// corpus: modelled on Innovtt/Innovt.Platform@8ae1c4725ee902ed83441b27cb08c373e4e4df92:src/ConsoleAppTest/DataModels/UserDataModel.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using ConsoleAppTest.Domain;
using System.Collections.Generic;

namespace ConsoleAppTest.DataModels;

[DynamoDBTable("Profiles")]
public class ProfileDataModel : ProfileBase
{
    [DynamoDBProperty("Contacts")]
    public new List<ContactInfo> Contacts { get; set; }
}
