META
key;value
description;Ranked test
num_projects;2
num_votes;2
budget;100
vote_type;ordinal
PROJECTS
project_id;cost;name
a;60;A
b;50;B
VOTES
voter_id;vote
1;a,b
2;b,a
