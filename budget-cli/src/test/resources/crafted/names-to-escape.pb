META
key;value
description;Tiny "test" election
num_projects;3
num_votes;4
budget;100
vote_type;approval
min_length;1
PROJECTS
project_id;cost;name
1;60;"Speeltuin ""De Kroon"""
2;50;Łąka przy ulicy Żółtej
3;40;Café één \ tab
VOTES
voter_id;vote
v1;1,2
v2;1
v3;2,3
v4;
