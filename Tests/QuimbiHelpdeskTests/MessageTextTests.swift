import QuimbiHelpdesk
import Testing

@Suite("Helpdesk message text: HTML and quoted replies stripped")
struct MessageTextTests {
    @Test("HTML becomes text: block ends break lines, quotes and styles are dropped, references decoded")
    func html() {
        let body = """
            <html><head><style>p{color:red}</style></head><body><p>My last order took forever to ship&hellip;</p>\
            <div>Order #1042 &amp; still nothing.<br/>Fix it?</div>\
            <blockquote>On Monday you wrote: we shipped it</blockquote></body></html>
            """
        #expect(MessageText.plain(body) == "My last order took forever to ship…\n\nOrder #1042 & still nothing.\nFix it?")
    }

    @Test("a plain-text reply loses the quoted conversation below it", arguments: [
        "Where is my order?\n\nOn Mon, 3 Nov 2026 at 10:02, Shop <help@shop.example> wrote:\n> Your order shipped",
        "Where is my order?\n-----Original Message-----\nFrom: help@shop.example\nYour order shipped",
        "Where is my order?\n\nFrom: Shop <help@shop.example>\nSent: Monday\nYour order shipped",
        "Where is my order?\n##- Please type your reply above this line -##\nYour order shipped",
        "> Your order shipped\nWhere is my order?",
    ])
    func quotedReplies(body: String) {
        #expect(MessageText.plain(body) == "Where is my order?")
    }

    @Test("numeric character references and unknown ampersands survive")
    func references() {
        #expect(MessageText.plain("<p>caf&#233; &#x2014; R&D &unknown; 5 &lt; 6</p>") == "café — R&D &unknown; 5 < 6")
    }
}
