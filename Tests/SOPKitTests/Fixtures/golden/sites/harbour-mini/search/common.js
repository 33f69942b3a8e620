/* sopgen search index: generated, do not edit. */
(window.sopgenSearch = window.sopgenSearch || {}).common = [
["refunds","","","Refunds need two approvals."],
["replies","","","Work on https://shop.example (staging: https://staging.shop.example), set up by Ada \u003cscript\u003ealert(1)\u003c/script\u003e. Theme: **Bold** [x](javascript:alert(2)). Support: `code` and _emphasis_ ![img](x.png). Fixture \u003cShop\u003e \u0026 \"Co\" in code. Production and rollback: javascript:alert(1)."]
];
