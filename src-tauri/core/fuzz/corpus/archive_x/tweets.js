window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "1700000000000000001",
      "created_at" : "Sat Aug 12 16:10:37 +0000 2023",
      "full_text" : "@jonas_builds this is the best take on agency pricing",
      "in_reply_to_user_id_str" : "222222222",
      "in_reply_to_screen_name" : "jonas_builds",
      "entities" : {
        "user_mentions" : [ { "name" : "Jonas Berg", "screen_name" : "jonas_builds", "id_str" : "222222222", "indices" : [ "0", "13" ] } ]
      }
    }
  },
  {
    "tweet" : {
      "id_str" : "1700000000000000002",
      "created_at" : "Sun Aug 13 08:00:00 +0000 2023",
      "full_text" : "RT @someone: not mine",
      "entities" : { "user_mentions" : [ { "name" : "Some One", "screen_name" : "someone", "id_str" : "555555555" } ] }
    }
  },
  {
    "tweet" : {
      "id_str" : "1700000000000000003",
      "created_at" : "Mon Aug 14 09:00:00 +0000 2023",
      "full_text" : "Shipping the new site with @lea_designs today",
      "entities" : { "user_mentions" : [ { "name" : "Léa Martin", "screen_name" : "lea_designs", "id_str" : "666666666" } ] }
    }
  }
]
