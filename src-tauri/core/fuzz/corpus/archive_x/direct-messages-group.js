window.YTD.direct_messages_group.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1600000000000000000",
      "messages" : [
        {
          "joinConversation" : {
            "initiatingUserId" : "222222222",
            "participantsSnapshot" : [ "111111111", "222222222", "444444444" ],
            "createdAt" : "2023-06-01T10:00:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Welcome both",
            "mediaUrls" : [ ],
            "senderId" : "222222222",
            "id" : "1600000000000000001",
            "createdAt" : "2023-06-01T10:01:00.000Z"
          }
        },
        {
          "participantsLeave" : {
            "userIds" : [ "444444444" ],
            "createdAt" : "2023-06-02T10:00:00.000Z"
          }
        }
      ]
    }
  }
]
