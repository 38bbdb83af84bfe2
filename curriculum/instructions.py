"""The instruction each question type shows, in ja and the five help languages.

An item may carry its own ``instruction``; otherwise its type's instruction here is used. The Japanese
wording is ours, in the register of the exams (JLPT, JFT-Basic); it copies no exam booklet.
"""

from __future__ import annotations

from .item_types import ItemType

_READ_ANSWER = {
    "en": "Read the text, then choose the best option for the question.",
    "vi": "Hãy đọc đoạn văn và trả lời câu hỏi. Chọn đáp án đúng nhất.",
    "id": "Bacalah teks lalu jawab pertanyaannya. Pilih jawaban yang paling tepat.",
    "tl": "Basahin ang teksto at sagutin ang tanong. Piliin ang pinakaangkop na sagot.",
    "my": "စာပိုဒ်ကို ဖတ်ပြီး မေးခွန်းကို ဖြေပါ။ အကောင်းဆုံး အဖြေကို ရွေးပါ။",
}

INSTRUCTIONS: dict[ItemType, dict[str, str]] = {
    # 文字・語彙
    ItemType.KANJI_READING: {
        "ja": "「　」のことばは、ひらがなでどう書きますか。いちばんよいものを一つえらんでください。",
        "en": "How is the word in 「 」 written in hiragana? Choose the best option.",
        "vi": "Từ trong 「 」 được viết bằng hiragana như thế nào? Hãy chọn đáp án đúng nhất.",
        "id": "Bagaimana kata di dalam 「 」 ditulis dengan hiragana? Pilih jawaban yang paling tepat.",
        "tl": "Paano isinusulat sa hiragana ang salitang nasa 「 」? Piliin ang pinakaangkop na sagot.",
        "my": "「 」 ထဲရှိ စကားလုံးကို ဟိရဂနဖြင့် မည်သို့ရေးသနည်း။ အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    ItemType.ORTHOGRAPHY: {
        "ja": "「　」のことばは、漢字やカタカナでどう書きますか。いちばんよいものを一つえらんでください。",
        "en": "How is the word in 「 」 written in kanji or katakana? Choose the best option.",
        "vi": "Từ trong 「 」 được viết bằng kanji hoặc katakana như thế nào? Hãy chọn đáp án đúng nhất.",
        "id": "Bagaimana kata di dalam 「 」 ditulis dengan kanji "
              "atau katakana? Pilih jawaban yang paling tepat.",
        "tl": "Paano isinusulat sa kanji o katakana ang salitang "
              "nasa 「 」? Piliin ang pinakaangkop na sagot.",
        "my": "「 」 ထဲရှိ စကားလုံးကို ခန်းဂျိ သို့မဟုတ် ခတခနဖြင့် မည်သို့ရေးသနည်း။ "
              "အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    ItemType.WORD_FORMATION: {
        "ja": "（　）に入れてことばを作ります。いちばんよいものを一つえらんでください。",
        "en": "Choose the part that best fits in ( ) to make a word.",
        "vi": "Hãy chọn phần thích hợp nhất điền vào ( ) để tạo thành từ.",
        "id": "Pilih bagian yang paling tepat untuk mengisi ( ) agar menjadi sebuah kata.",
        "tl": "Piliin ang pinakaangkop na bahaging ilalagay sa ( ) para makabuo ng salita.",
        "my": "စကားလုံးတစ်လုံး ဖြစ်လာစေရန် ( ) ထဲတွင် ထည့်ရမည့် အသင့်တော်ဆုံး အပိုင်းကို ရွေးပါ။",
    },
    ItemType.CONTEXTUAL_MEANING: {
        "ja": "（　）に入れるのにいちばんよいことばを一つえらんでください。",
        "en": "Choose the word that best fits in ( ).",
        "vi": "Hãy chọn từ thích hợp nhất để điền vào ( ).",
        "id": "Pilih kata yang paling tepat untuk mengisi ( ).",
        "tl": "Piliin ang salitang pinakaangkop sa ( ).",
        "my": "( ) ထဲတွင် ထည့်ရန် အသင့်တော်ဆုံး စကားလုံးကို ရွေးပါ။",
    },
    ItemType.PARAPHRASE: {
        "ja": "「　」のことばや文と、だいたい同じ意味のものを一つえらんでください。",
        "en": "Choose the one whose meaning is closest to the word or sentence in 「 」.",
        "vi": "Hãy chọn câu trả lời có nghĩa gần nhất với từ hoặc câu trong 「 」.",
        "id": "Pilih yang artinya paling dekat dengan kata atau kalimat di dalam 「 」.",
        "tl": "Piliin ang may kahulugang pinakamalapit sa salita o pangungusap na nasa 「 」.",
        "my": "「 」 ထဲရှိ စကားလုံး သို့မဟုတ် ဝါကျနှင့် အဓိပ္ပာယ် အနီးစပ်ဆုံးကို ရွေးပါ။",
    },
    ItemType.USAGE: {
        "ja": "つぎのことばの使い方として、いちばんよい文を一つえらんでください。",
        "en": "Choose the sentence that uses this word correctly.",
        "vi": "Hãy chọn câu sử dụng từ này đúng nhất.",
        "id": "Pilih kalimat yang menggunakan kata ini dengan paling tepat.",
        "tl": "Piliin ang pangungusap na tamang gumagamit ng salitang ito.",
        "my": "ဤစကားလုံးကို အမှန်ကန်ဆုံး အသုံးပြုထားသော ဝါကျကို ရွေးပါ။",
    },
    # 文法
    ItemType.GRAMMAR_FORM: {
        "ja": "文の（　）に何を入れますか。いちばんよいものを一つえらんでください。",
        "en": "What goes in ( ) in the sentence? Choose the best option.",
        "vi": "Điền gì vào ( ) trong câu? Hãy chọn đáp án đúng nhất.",
        "id": "Apa yang tepat untuk mengisi ( ) dalam kalimat? Pilih jawaban yang paling tepat.",
        "tl": "Ano ang dapat ilagay sa ( ) sa pangungusap? Piliin ang pinakaangkop na sagot.",
        "my": "ဝါကျရှိ ( ) ထဲတွင် ဘာထည့်ရမည်နည်း။ အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    ItemType.SENTENCE_COMPOSITION: {
        "ja": "四つのことばをならべて文を作ります。★に入るものはどれですか。",
        "en": "Put the four parts in order to make a sentence. Which part goes in ★?",
        "vi": "Hãy sắp xếp bốn phần để tạo thành câu. Phần nào nằm ở vị trí ★?",
        "id": "Susun keempat bagian menjadi sebuah kalimat. Bagian mana yang masuk ke ★?",
        "tl": "Ayusin ang apat na bahagi para makabuo ng pangungusap. Aling bahagi ang nasa ★?",
        "my": "အပိုင်းလေးပိုင်းကို အစီအစဉ်တကျ စီပြီး ဝါကျဖွဲ့ပါ။ ★ နေရာတွင် မည်သည့်အပိုင်း ဝင်သနည်း။",
    },
    ItemType.TEXT_GRAMMAR: {
        "ja": "文章を読んで、文章全体の意味を考えて、［　］に入るいちばんよいものを一つえらんでください。",
        "en": "Read the text. Thinking about the meaning of the whole text, choose what best fits in [ ].",
        "vi": "Hãy đọc đoạn văn, suy nghĩ về ý nghĩa của cả đoạn rồi chọn phần thích hợp nhất điền vào [ ].",
        "id": "Bacalah teks, pikirkan makna keseluruhannya, lalu pilih yang paling tepat untuk mengisi [ ].",
        "tl": "Basahin ang teksto. Isipin ang kahulugan ng buong teksto at piliin ang pinakaangkop sa [ ].",
        "my": "စာပိုဒ်ကို ဖတ်ပြီး စာတစ်ခုလုံး၏ အဓိပ္ပာယ်ကို စဉ်းစား၍ [ ] ထဲတွင် အသင့်တော်ဆုံးကို ရွေးပါ။",
    },
    # 読解
    ItemType.COMPREHENSION_SHORT: {
        "ja": "短い文章を読んで、質問に答えてください。いちばんよいものを一つえらんでください。",
        **_READ_ANSWER,
    },
    ItemType.COMPREHENSION_MID: {
        "ja": "文章を読んで、質問に答えてください。いちばんよいものを一つえらんでください。",
        **_READ_ANSWER,
    },
    ItemType.COMPREHENSION_LONG: {
        "ja": "長い文章を読んで、質問に答えてください。いちばんよいものを一つえらんでください。",
        **_READ_ANSWER,
    },
    ItemType.INTEGRATED_READING: {
        "ja": "AとBの二つの文章を読んで、質問に答えてください。いちばんよいものを一つえらんでください。",
        "en": "Read the two texts, A and B, then choose the best option for the question.",
        "vi": "Hãy đọc hai đoạn văn A và B rồi trả lời câu hỏi. Chọn đáp án đúng nhất.",
        "id": "Bacalah dua teks, A dan B, lalu jawab pertanyaannya. Pilih jawaban yang paling tepat.",
        "tl": "Basahin ang dalawang teksto, A at B, at sagutin ang tanong. Piliin ang pinakaangkop na sagot.",
        "my": "A နှင့် B စာပိုဒ်နှစ်ခုကို ဖတ်ပြီး မေးခွန်းကို ဖြေပါ။ အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    ItemType.THEMATIC_COMPREHENSION: {
        "ja": "長い文章を読んで、筆者の考えについての質問に答えてください。"
              "いちばんよいものを一つえらんでください。",
        "en": "Read the long text, then choose the best option for the question "
              "about the writer's opinion.",
        "vi": "Hãy đọc đoạn văn dài và trả lời câu hỏi về ý kiến của tác giả. Chọn đáp án đúng nhất.",
        "id": "Bacalah teks panjang ini lalu jawab pertanyaan tentang pendapat penulis. "
              "Pilih jawaban yang paling tepat.",
        "tl": "Basahin ang mahabang teksto at sagutin ang tanong tungkol sa opinyon ng manunulat. "
              "Piliin ang pinakaangkop na sagot.",
        "my": "ရှည်လျားသော စာပိုဒ်ကို ဖတ်ပြီး စာရေးသူ၏ အမြင်နှင့် ပတ်သက်သော မေးခွန်းကို ဖြေပါ။ "
              "အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    ItemType.INFORMATION_RETRIEVAL: {
        "ja": "お知らせや表などを読んで、質問に答えてください。いちばんよいものを一つえらんでください。",
        "en": "Read the notice, table or leaflet, then choose the best option for the question.",
        "vi": "Hãy đọc thông báo, bảng biểu… rồi trả lời câu hỏi. Chọn đáp án đúng nhất.",
        "id": "Bacalah pengumuman, tabel, atau brosur, lalu jawab "
              "pertanyaannya. Pilih jawaban yang paling tepat.",
        "tl": "Basahin ang paunawa, talaan o polyeto at sagutin "
              "ang tanong. Piliin ang pinakaangkop na sagot.",
        "my": "ကြေညာချက်၊ ဇယား စသည်တို့ကို ဖတ်ပြီး မေးခွန်းကို ဖြေပါ။ အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    # 聴解
    ItemType.TASK_LISTENING: {
        "ja": "はじめに質問を聞いてください。それから話を聞いて、これから何をするか、"
              "いちばんよいものを一つえらんでください。",
        "en": "First listen to the question. Then listen to the "
              "conversation and choose what the person will do.",
        "vi": "Trước tiên hãy nghe câu hỏi. Sau đó nghe hội thoại và chọn việc người đó sẽ làm.",
        "id": "Dengarkan pertanyaannya terlebih dahulu. Lalu dengarkan percakapannya dan pilih "
              "apa yang akan dilakukan orang itu.",
        "tl": "Pakinggan muna ang tanong. Pagkatapos, pakinggan "
              "ang usapan at piliin kung ano ang gagawin ng tao.",
        "my": "ပထမဦးစွာ မေးခွန်းကို နားထောင်ပါ။ ထို့နောက် စကားပြောကို နားထောင်ပြီး "
              "ထိုသူ ဘာလုပ်မည်ကို ရွေးပါ။",
    },
    ItemType.POINT_LISTENING: {
        "ja": "はじめに質問を聞いて、せんたくしを読んでください。それから話を聞いて、"
              "いちばんよいものを一つえらんでください。",
        "en": "First listen to the question and read the choices. Then listen to the conversation and "
              "choose the best option.",
        "vi": "Trước tiên hãy nghe câu hỏi và đọc các lựa chọn. "
              "Sau đó nghe hội thoại và chọn đáp án đúng nhất.",
        "id": "Dengarkan pertanyaan dan baca pilihan jawabannya "
              "terlebih dahulu. Lalu dengarkan percakapannya "
              "dan pilih jawaban yang paling tepat.",
        "tl": "Pakinggan muna ang tanong at basahin ang mga pagpipilian. Pagkatapos, pakinggan ang usapan "
              "at piliin ang pinakaangkop na sagot.",
        "my": "ပထမဦးစွာ မေးခွန်းကို နားထောင်ပြီး ရွေးချယ်စရာများကို ဖတ်ပါ။ ထို့နောက် စကားပြောကို "
              "နားထောင်ပြီး အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    ItemType.SUMMARY_LISTENING: {
        "ja": "話を聞いてください。話全体の内容について、いちばんよいものを一つえらんでください。",
        "en": "Listen to the talk and choose the option that best describes what it is about as a whole.",
        "vi": "Hãy nghe bài nói và chọn đáp án đúng nhất về nội dung chung của cả bài.",
        "id": "Dengarkan pembicaraannya, lalu pilih jawaban yang paling tepat tentang isi keseluruhannya.",
        "tl": "Pakinggan ang pahayag at piliin ang pinakaangkop na sagot tungkol sa kabuuang nilalaman nito.",
        "my": "စကားကို နားထောင်ပြီး တစ်ခုလုံး၏ အကြောင်းအရာနှင့် ပတ်သက်၍ အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    ItemType.UTTERANCE_EXPRESSION: {
        "ja": "場面の説明を聞いてください。この人は何と言いますか。いちばんよいものを一つえらんでください。",
        "en": "Listen to the description of the situation. What does the person say? Choose the best option.",
        "vi": "Hãy nghe mô tả tình huống. Người này sẽ nói gì? Chọn đáp án đúng nhất.",
        "id": "Dengarkan penjelasan situasinya. Apa yang "
              "dikatakan orang itu? Pilih jawaban yang paling tepat.",
        "tl": "Pakinggan ang paglalarawan ng sitwasyon. Ano ang "
              "sasabihin ng tao? Piliin ang pinakaangkop na sagot.",
        "my": "အခြေအနေ ဖော်ပြချက်ကို နားထောင်ပါ။ ဤလူသည် ဘာပြောမည်နည်း။ အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    ItemType.QUICK_RESPONSE: {
        "ja": "短い文を聞いて、その返事として、いちばんよいものを一つえらんでください。",
        "en": "Listen to the short sentence and choose the best reply.",
        "vi": "Hãy nghe câu ngắn và chọn câu đáp lại phù hợp nhất.",
        "id": "Dengarkan kalimat pendek, lalu pilih tanggapan yang paling tepat.",
        "tl": "Pakinggan ang maikling pangungusap at piliin ang pinakaangkop na tugon.",
        "my": "ဝါကျတိုကို နားထောင်ပြီး အသင့်တော်ဆုံး ပြန်ဖြေချက်ကို ရွေးပါ။",
    },
    ItemType.INTEGRATED_LISTENING: {
        "ja": "長い話を聞いてください。話の内容をくらべたりまとめたりしながら、"
              "質問にいちばんよい答えを一つえらんでください。",
        "en": "Listen to the long conversation. Compare and combine what the speakers say, and choose "
              "the best option for the question.",
        "vi": "Hãy nghe đoạn hội thoại dài. Vừa so sánh, tổng hợp nội dung vừa chọn câu trả lời đúng nhất "
              "cho câu hỏi.",
        "id": "Dengarkan percakapan panjang. Bandingkan dan gabungkan isi pembicaraan, lalu pilih jawaban "
              "yang paling tepat untuk pertanyaannya.",
        "tl": "Pakinggan ang mahabang usapan. Ihambing at pagsamahin ang sinasabi ng mga nagsasalita, "
              "at piliin ang pinakaangkop na sagot sa tanong.",
        "my": "ရှည်လျားသော စကားပြောကို နားထောင်ပါ။ ပြောသူများ၏ အကြောင်းအရာကို နှိုင်းယှဉ်၊ ပေါင်းစပ်ပြီး "
              "မေးခွန်းအတွက် အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    # JFT-Basic
    ItemType.JFT_WORD_MEANING: {
        "ja": "絵や説明に合うことばを一つえらんでください。",
        "en": "Choose the word that matches the picture or description.",
        "vi": "Hãy chọn từ phù hợp với hình hoặc lời giải thích.",
        "id": "Pilih kata yang sesuai dengan gambar atau penjelasannya.",
        "tl": "Piliin ang salitang tugma sa larawan o paliwanag.",
        "my": "ပုံ သို့မဟုတ် ရှင်းလင်းချက်နှင့် ကိုက်ညီသော စကားလုံးကို ရွေးပါ။",
    },
    ItemType.JFT_WORD_USAGE: {
        "ja": "文を読んで、（　）にいちばん合うことばを一つえらんでください。",
        "en": "Read the sentence and choose the word that fits best in ( ).",
        "vi": "Hãy đọc câu và chọn từ phù hợp nhất với ( ).",
        "id": "Bacalah kalimatnya lalu pilih kata yang paling cocok untuk ( ).",
        "tl": "Basahin ang pangungusap at piliin ang salitang pinakaangkop sa ( ).",
        "my": "ဝါကျကို ဖတ်ပြီး ( ) နှင့် အကိုက်ညီဆုံး စကားလုံးကို ရွေးပါ။",
    },
    ItemType.JFT_KANJI_READING: {
        "ja": "「　」の漢字のことばは、ひらがなでどう書きますか。正しいものを一つえらんでください。",
        "en": "How is the kanji word in 「 」 written in hiragana? Choose the correct one.",
        "vi": "Từ kanji trong 「 」 được viết bằng hiragana như thế nào? Hãy chọn đáp án đúng.",
        "id": "Bagaimana kata kanji di dalam 「 」 ditulis dengan hiragana? Pilih yang benar.",
        "tl": "Paano isinusulat sa hiragana ang salitang kanji na nasa 「 」? Piliin ang tama.",
        "my": "「 」 ထဲရှိ ခန်းဂျိ စကားလုံးကို ဟိရဂနဖြင့် မည်သို့ရေးသနည်း။ မှန်ကန်သော အဖြေကို ရွေးပါ။",
    },
    ItemType.JFT_KANJI_USAGE: {
        "ja": "文を読んで、（　）にいちばん合う漢字のことばを一つえらんでください。",
        "en": "Read the sentence and choose the kanji word that fits best in ( ).",
        "vi": "Hãy đọc câu và chọn từ kanji phù hợp nhất với ( ).",
        "id": "Bacalah kalimatnya lalu pilih kata kanji yang paling cocok untuk ( ).",
        "tl": "Basahin ang pangungusap at piliin ang salitang kanji na pinakaangkop sa ( ).",
        "my": "ဝါကျကို ဖတ်ပြီး ( ) နှင့် အကိုက်ညီဆုံး ခန်းဂျိ စကားလုံးကို ရွေးပါ။",
    },
    ItemType.JFT_GRAMMAR: {
        "ja": "会話を読んで、（　）にいちばん合うものを一つえらんでください。",
        "en": "Read the conversation and choose the phrase that fits best in ( ).",
        "vi": "Hãy đọc đoạn hội thoại và chọn cụm từ phù hợp nhất với ( ).",
        "id": "Bacalah percakapannya lalu pilih frasa yang paling cocok untuk ( ).",
        "tl": "Basahin ang usapan at piliin ang pariralang pinakaangkop sa ( ).",
        "my": "စကားပြောကို ဖတ်ပြီး ( ) နှင့် အကိုက်ညီဆုံး စကားစုကို ရွေးပါ။",
    },
    ItemType.JFT_EXPRESSION: {
        "ja": "会話を読んで、（　）にいちばん合う表現を一つえらんでください。",
        "en": "Read the conversation and choose the expression that fits best in ( ).",
        "vi": "Hãy đọc đoạn hội thoại và chọn cách nói phù hợp nhất với ( ).",
        "id": "Bacalah percakapannya lalu pilih ungkapan yang paling cocok untuk ( ).",
        "tl": "Basahin ang usapan at piliin ang pahayag na pinakaangkop sa ( ).",
        "my": "စကားပြောကို ဖတ်ပြီး ( ) နှင့် အကိုက်ညီဆုံး အသုံးအနှုန်းကို ရွေးပါ။",
    },
    ItemType.JFT_LISTENING_CONVERSATION: {
        "ja": "会話を聞いて、質問にいちばん合う答えを一つえらんでください。",
        "en": "Listen to the conversation and choose the best option for the question.",
        "vi": "Hãy nghe đoạn hội thoại và chọn câu trả lời đúng nhất cho câu hỏi.",
        "id": "Dengarkan percakapannya lalu pilih jawaban yang paling tepat untuk pertanyaannya.",
        "tl": "Pakinggan ang usapan at piliin ang pinakaangkop na sagot sa tanong.",
        "my": "စကားပြောကို နားထောင်ပြီး မေးခွန်းအတွက် အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    ItemType.JFT_LISTENING_PLACES: {
        "ja": "店や駅などでの会話を聞いて、質問にいちばん合う答えを一つえらんでください。",
        "en": "Listen to the conversation at a shop or public "
              "place and choose the best option for the question.",
        "vi": "Hãy nghe đoạn hội thoại ở cửa hàng hoặc nơi công "
              "cộng và chọn câu trả lời đúng nhất cho câu hỏi.",
        "id": "Dengarkan percakapan di toko atau tempat umum lalu pilih jawaban yang paling tepat "
              "untuk pertanyaannya.",
        "tl": "Pakinggan ang usapan sa tindahan o pampublikong lugar at piliin ang pinakaangkop na sagot "
              "sa tanong.",
        "my": "ဆိုင် သို့မဟုတ် အများသုံးနေရာတွင် ပြောသော စကားကို နားထောင်ပြီး မေးခွန်းအတွက် "
              "အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    ItemType.JFT_LISTENING_ANNOUNCEMENTS: {
        "ja": "アナウンスや指示を聞いて、質問にいちばん合う答えを一つえらんでください。",
        "en": "Listen to the announcement or instructions and choose the best option for the question.",
        "vi": "Hãy nghe thông báo hoặc hướng dẫn và chọn câu trả lời đúng nhất cho câu hỏi.",
        "id": "Dengarkan pengumuman atau instruksi lalu pilih jawaban yang paling tepat untuk pertanyaannya.",
        "tl": "Pakinggan ang anunsiyo o mga tagubilin at piliin ang pinakaangkop na sagot sa tanong.",
        "my": "ကြေညာချက် သို့မဟုတ် ညွှန်ကြားချက်ကို နားထောင်ပြီး မေးခွန်းအတွက် အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    ItemType.JFT_READING: {
        "ja": "文章を読んで、質問にいちばん合う答えを一つえらんでください。",
        **_READ_ANSWER,
    },
    ItemType.JFT_INFORMATION_SEARCH: {
        "ja": "ポスターやお知らせなどを見て、必要な情報をさがしてください。"
              "質問にいちばん合う答えを一つえらんでください。",
        "en": "Look at the poster or notice, find the information you need and choose the best option.",
        "vi": "Hãy xem áp phích hoặc thông báo, tìm thông tin cần thiết và chọn câu trả lời đúng nhất.",
        "id": "Lihat poster atau pengumuman, cari informasi yang "
              "diperlukan, lalu pilih jawaban yang paling tepat.",
        "tl": "Tingnan ang poster o paunawa, hanapin ang kailangang impormasyon at piliin ang "
              "pinakaangkop na sagot.",
        "my": "ပိုစတာ သို့မဟုတ် ကြေညာချက်ကို ကြည့်ပြီး လိုအပ်သော အချက်အလက်ကို ရှာ၍ "
              "အကောင်းဆုံး အဖြေကို ရွေးပါ။",
    },
    # Ours
    ItemType.MEANING_TO_WORD: {
        "ja": "この意味のことばをえらんでください。",
        "en": "Choose the Japanese word with this meaning.",
        "vi": "Hãy chọn từ tiếng Nhật có nghĩa này.",
        "id": "Pilih kata bahasa Jepang yang memiliki arti ini.",
        "tl": "Piliin ang salitang Hapon na may ganitong kahulugan.",
        "my": "ဤအဓိပ္ပာယ်ရှိသော ဂျပန်စကားလုံးကို ရွေးပါ။",
    },
    ItemType.MEANING_TO_KANJI: {
        "ja": "このいみの漢字をえらんでください。",
        "en": "Choose the kanji with this meaning.",
        "vi": "Hãy chọn chữ kanji có nghĩa này.",
        "id": "Pilih kanji yang memiliki arti ini.",
        "tl": "Piliin ang kanji na may ganitong kahulugan.",
        "my": "ဤအဓိပ္ပာယ်ရှိသော ခန်းဂျီးကို ရွေးပါ။",
    },
}


def default_instruction(item_type: ItemType) -> dict[str, str]:
    return dict(INSTRUCTIONS.get(item_type, {}))
