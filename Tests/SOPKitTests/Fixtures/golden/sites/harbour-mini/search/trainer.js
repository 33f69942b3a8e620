/* sopgen search index: generated, do not edit. */
(window.sopgenSearch = window.sopgenSearch || {}).view = {
"folder": "sops/",
"titles": [
["refunds","Refunds"],
["replies","Support replies"]
],
"common": [0,1],
"own": [
["refunds","approving","Approving","Read the diff. Back to replies or this section. Admins take the second approval."],
["replies","steps","Steps","Open the order. Check nothing everything.1 Follow refunds when money moves. Check Who Facts ‹your role› Draft read in full Order opened See https://docs.example.com/support and https://example.org. Only agents see this: do not promise refunds. Managers and admins see this."],
["replies","incidents","Incidents","As ‹your role›, escalate to ‹your escalation contact›. Incidents: incident steps. bad Because drafts can be wrong. ↩"]
]
};
