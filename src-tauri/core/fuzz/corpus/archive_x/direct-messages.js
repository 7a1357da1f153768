window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "111111111-222222222",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "222222222",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Great thread on pricing!",
            "mediaUrls" : [ ],
            "senderId" : "111111111",
            "id" : "1500000000000000001",
            "createdAt" : "2023-05-02T09:00:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "111111111",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Thanks Maya 🙏 want to compare notes?",
            "mediaUrls" : [ ],
            "senderId" : "222222222",
            "id" : "1500000000000000002",
            "createdAt" : "2023-05-03T12:00:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "222222222",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Yes! Tuesday?",
            "mediaUrls" : [ ],
            "senderId" : "111111111",
            "id" : "1500000000000000003",
            "createdAt" : "2023-05-04T08:30:00.000Z"
          }
        }
      ]
    }
  },
  {
    "dmConversation" : {
      "conversationId" : "111111111-333333333",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "111111111",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "hey",
            "mediaUrls" : [ ],
            "senderId" : "333333333",
            "id" : "1500000000000000004",
            "createdAt" : "2024-01-15T20:00:00.000Z"
          }
        }
      ]
    }
  }
]
