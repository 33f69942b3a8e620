/* sopgen search index: generated, do not edit. */
(window.sopgenSearch = window.sopgenSearch || {}).view = {
"folder": "roles/admin/",
"titles": [
["refunds","Refunds"],
["replies","Support replies"]
],
"common": [0,1],
"own": [
["refunds","approving","Approving","Read the diff. Back to replies or this section. Admins take the second approval."],
["replies","steps","Steps","Open the order. Check nothing everything.1 Follow refunds when money moves. Check Who Facts Site administrator Draft read in full Order opened See https://docs.example.com/support and https://example.org. Managers and admins see this."],
["replies","incidents","Incidents","As Site administrator, escalate to nobody (top of the chain). Incidents: incident steps. bad Because drafts can be wrong. ↩"]
]
};
