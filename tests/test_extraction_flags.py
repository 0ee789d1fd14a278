"""Flags for sentences that show a gap where a hyperlinked name was dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.extraction import extract
from claims.extraction.attribution import find_attributions
from claims.extraction.flags import MISSING_ENTITY, gap_offsets, missing_entity, sentence_flags
from claims.extraction.serialize import claim_to_dict

SEED = (Path(__file__).parent / "fixtures" / "tribunnews-hamas-rusia.txt").read_text(encoding="utf-8")


# Each case: the damaged sentence with `|` where the name stood.
GAPS_ID = [
    "Konflik yang berlangsung dengan |.",  # punctuation after a space
    "Delegasi |, yang dipimpin oleh Mousa Abu Marzouk, bertemu Bogdanov.",
    "Sementara itu, Kepala |, |, menyatakan stok beras cukup.",  # a title whose name and office were links
    "Harga beras naik, ungkap |.",  # a cue with no speaker
    "Pertemuan itu dihadiri oleh |dan perwakilan dari Jepang.",  # a preposition then a conjunction
    '"Kami siap bertanding," kata Butet kepada |dalam konferensi pers.',
    "Bantuan diserahkan kepada |untuk korban banjir.",
    "Kantor media itu menyebut bahwa |telah menunda pengiriman bahan bakar.",  # `bahwa` with no subject
    "Juru bicara menegaskan bahwa |menolak semua tuduhan itu.",
    'Ia berkata, "Kami membutuhkan |untuk membangun kembali sekolah."',  # a transitive verb with no object
    '"Proses ini penting. |harus hadir dalam perundingan," katanya.',  # a clause opening with a verb
    "|mengatakan bahwa stok beras cukup untuk dua bulan.",
    "TRIBUNNEWS.COM - |dan makin menunjukkan kemesraan.",
    "Ia menekankan pentingnya peran |dalam mendukung perdamaian.",  # a possessed noun with no possessor
    "Rencana itu diusulkan setelah sidang, dan |menyetujuinya, tetapi |menolaknya pada Maret.",
    "Jika tidak, |akan membayar mahal atas setiap hari penundaan.",
    "Pertandingan itu disiarkan Middle East Monitor (|).",
    "Turnamen itu merupakan kali pertama bagi |- mencoba menjadi caddie.",  # a preposition before a hyphen
    "Gol itu dicetak skuat asuhan |berhasil menyamakan kedudukan.",  # a coached-by noun with no coach
    "Pemimpin lainnya, seperti Angela Merkel dari |dan dari Prancis, memberi dukungan.",
    '"Aku sudah pensiun, "kata |pada 27 Juli 2016.',
    "Tur itu singgah di Bangkok (16 November), |(19 November), dan Dubai.",
    "Korban bernama |(55 tahun) meninggal di rumah sakit.",
    "Lagu ‘|’ itu dirilis pada 2016.",  # empty quotes and brackets
    "Ia menyebut dua film [ |] sebagai inspirasinya.",
    "Jon Snow (Kit Harington) dan |(Emilia Clarke) bergabung melawan pasukan itu.",  # a conjunct with no name
    "Perundingan antara |dan Rusia berlangsung alot.",
    "Lima menit kemudian, Choupo - |mencetak gol keduanya.",  # half a hyphenated name
    "Gelandang: Rizky; |, Patrick Roberto, Komarudin.",  # an empty list item
    "Misalnya pada pertandingan melawan |di La Liga, ia mencetak dua gol.",
    "Saat ini |telah melakukan penindakan terhadap 40 kapal.",  # an opener, an auxiliary, no subject
    "Tapi |berhasil membayar kegagalannya di musim berikutnya.",
    "|(ANTARA News) - Wakil Ketua DPR Agus Hermanto menilai rencana itu tepat.",  # a dateline with no city
    "Hal itu disampaikan Ketua |melalui surat resmi kepada DPR.",  # an office with no name
    "Sebelumnya, Sekjen |memastikan tidak akan mengusung calon sendiri.",
    "Kami harus mengalahkan |sebagai tim tamu.",  # a transitive verb with no object
    "Tim itu siap menghadapi |saat laga tandang.",
    '"Kami siap," kata |yang juga menjabat sebagai ketua panitia.',  # a cue with no speaker
    "Baca juga: |",  # a related-article link with its title dropped
    "Ia resmi bergabung dengan |sebagai pemain pinjaman.",  # a preposition then a function word
    "Ia ingin bertahan di |hingga 2021.",
    "Jumlah turis yang melancong ke |hanya tumbuh 7 persen.",
    "Ia juga aktif di |berkolaborasi dengan seniman lain.",  # a preposition then a verb
    "Del Potro menipiskan selisih poin 3 - 5. |terus melaju dan memenangi set ini.",  # a number, then a verb
    "Indonesia meraih gelar lewat |/Hendra Setiawan.",  # half a pair
    "Laporan itu ditulis oleh tim (T.H - ZG/|).",
    "[Baca juga: Pansus itu disebut ilegal karena |]",  # a bracket after a space
    "Penelitian yang diterbitkan Journal of |menunjukkan hal itu.",  # an English title cut short
    "Serial televisi |of Thrones selalu menarik perhatian.",
    "Polisi menangkap pria berinisial |itu di rumahnya.",
    "Di dalam pembicaraan tersebut, |berharap bisa memperoleh hak partisipasi.",  # an opener, then a verb
    "|- dan Ajax belum pernah mengangkat trofi itu.",  # a sentence opening with a hyphen
    "Selain Dwi, menurut |juga memastikan kontrak itu.",
    "Jumlah wisatawan asal |(|) masih yang tertinggi.",  # a name and its abbreviation
    "Ia bergabung dengan The |di Januari.",  # an English title cut short
    "Ia menegaskan bahwa |merupakan pasar yang penting.",  # `bahwa` with no subject
    "Kemenangan ini membuat |memimpin klasemen sementara.",  # a causative verb with no object
    "Kunjungan wisatawan asing ke |mencapai 6,48 juta.",  # a preposition then a verb
    "Kerusuhan itu tak hanya terjadi di |tapi juga di kota lain.",
    "Pada 2004, saat usianya masih 18 tahun, |pernah mengikuti kontes kecantikan.",  # an opener of two clauses
    "Pada laga melawan Leganes, |sebetulnya menguasai pertandingan.",
    "Polisi berkoordinasi dengan TNI dan |guna mengamankan aksi itu.",
    "Bantuan datang dari Jepang, Korea dan |serta Singapura.",
    "Fellaini tampil dalam laga antara |melawan Real Madrid.",
    "UnionSpace pertama kali hadir dengan nama |+ Workspace.",
    "Kolaborasi itu dengan |selain memfokuskan pada jual beli.",
    "Ketiga anggota polisi tersebut adalah |(33), Bripka DR (33) dan |(35).",  # a name before an age
    "Pola permainan tidak berubah di mana |tetap mendominasi serangan.",
    "Dari perolehan dana segar ini, |akan membeli 4 ribu EDC.",
    "Angka itu naik 5 persen, seperti dilansir|.",  # a source with no name
    "Ia merilis album dengan judul |& Her Dead Petz.",
    '"Jadi anak baik," tutup |dalam ceritanya.',  # a cue with no speaker
    "Mereka mendengarkan lagu Who Run the |milik Beyonce.",
]
GAPS_EN = [
    "The minister met with |.",
    "The delegation |, led by Maria Lopez, arrived on Monday.",
    "Prices rose, said |.",
    "The bill was backed by |and two other senators.",
    "The mayor told |on Monday that the bridge would reopen.",
    "She thanked |for the support of the union.",
    "The senator criticized the |’s decision to close the plant.",
    "The rally was organised, according to|, by local groups.",
    "Mr. |said the plant would close.",
    '"We will rebuild," |told reporters on Monday.',
    "The vote was close. |said on Monday that he would appeal.",
    "|said on Monday that the plant would close.",
    "The |and Government Reform Committee voted 19-15.",
    "A spokeswoman for |says neither the nominee nor her campaign knew.",  # a preposition before a verb
    "But he said the |would be mistaken to proceed.",  # an article before a modal
    "In a speech on Friday, |outlined her proposals to expand service.",  # an opener, then a verb
    "Writing for a panel, |noted that the debate was close.",
    "Merrill says |promised to keep supporting Clinton.",  # a cue, then a verb
    "Clinton held rallies in |and Pennsylvania.",  # a preposition, then a conjunction
    "A poll suggested that |has the lead in Ohio.",  # a clause with no subject
    "The second debate is on Oct. 9 in |., Louis.",
    "Palmieri said |will address the comments in Florida.",  # a cue, then a modal
    "That is because |wants to junk personal exemptions.",  # a conjunction, then a finite verb
    "In interviews, |has questioned the need for moderators.",
    "At a tense breakfast the next morning, |said he would not back Trump.",
    "Now |seems to have vanished from the campaign trail.",
    "He hoped it would encourage a dialogue among |on difficult issues.",
    "City Attorney |said in the letter that the ad was misleading.",  # a title with no name
    '"We will win," Clinton campaign spokesman |said on Monday.',
    "At a rally Friday in Coral Springs, Florida, |questioned what kind of person does that.",
    "Clinton will host events, and former |will travel to Florida.",  # `former` with no one
]


@pytest.mark.parametrize("marked", GAPS_ID + GAPS_EN)
def test_each_gap_shape_is_flagged_where_the_name_stood(marked):
    text = marked.replace("|", "")
    expected = [i - n for n, i in enumerate(i for i, ch in enumerate(marked) if ch == "|")]
    assert missing_entity(text)
    assert set(expected) <= set(gap_offsets(text)), (text, gap_offsets(text))


# The same shapes with nothing dropped: an object after the verb, a subject after `bahwa`.
WHOLE = [
    "Konflik yang berlangsung dengan Israel.",
    "Delegasi Hamas, yang dipimpin oleh Mousa Abu Marzouk, bertemu Bogdanov.",
    "Harga beras naik, ungkap Budi.",
    "Pertemuan itu dihadiri oleh menteri dan perwakilan dari Jepang.",
    "Pertemuan itu dilakukan di dalam gedung dan dihadiri para menteri.",
    "Oleh karena itu, rapat ditunda.",
    '"Kami siap bertanding," kata Butet kepada wartawan dalam konferensi pers.',
    "Kantor media itu menyebut bahwa Israel telah menunda pengiriman bahan bakar.",
    "Kantor media itu menyebut bahwa telah terjadi penundaan pengiriman.",
    "Juru bicara menegaskan bahwa mereka menolak semua tuduhan itu.",
    'Ia berkata, "Kami membutuhkan Rusia untuk membangun kembali sekolah."',
    "Mereka memutuskan untuk menunda rapat.",
    "Hasilnya sangat mengecewakan.",
    "Ia mengatakan kepada wartawan bahwa stok cukup.",
    '"Proses ini penting. Rusia harus hadir dalam perundingan," katanya.',
    "Ia menekankan pentingnya peran Rusia dalam mendukung perdamaian.",
    "Ia menekankan peran penting lembaga itu.",
    "Rencana itu diusulkan setelah sidang, dan Hamas menyetujuinya, tetapi Israel menolaknya pada Maret.",
    "Menurut Khatibul, rencana itu tidak memiliki landasan yuridis.",
    "Go - Jek resmikan layanan, dan co - working space dibuka.",
    "Harga naik 2,5 persen, kata dia.",
    '"Kami siap," ujar Tun, sebagaimana dilansir Reuters.',
    "Ia mendapat gelar dari Dr. med. dr. Damar pada 2010.",
    "(ant/dkk)",
    "The minister met with Putin.",
    "The minister met with them on Monday.",
    "Prices rose, said Smith.",
    '"We will rebuild," she told reporters on Monday.',
    "The mayor told reporters on Monday that the bridge would reopen.",
    "The mayor was told on Monday that the bridge would reopen.",
    "The senator criticized the company’s decision to close the plant.",
    "The rally was organised, according to police, by local groups.",
    "Mr. Lopez said the plant would close.",
    "Those are the people he worked with.",
    "Half of which, he said, came from the state.",
    "The vote was close. Lopez said on Monday that he would appeal.",
    "He went to a for-profit university.",
    "Perjalanan dari dan ke bandara ditutup.",
    "Unggahan itu sendiri sekarang telah dihapus oleh yang bersangkutan.",
    "Ia menciptakan berbagai jenis karya menakjubkan tersebut.",
    "Korban bernama lengkap Budi Santoso meninggal di rumah sakit.",
    "Gol itu dicetak skuat asuhan Mourinho pada menit ke - 12.",
    "(Baca : Harga beras naik)",
    "Gol itu tercipta pada menit ke - 27 dan ke - 28.",
    "Sekolah ini terbaik di negara ini dan (salah satu) yang kita banggakan.",
    "Menit - menit berikutnya, Madrid terus menekan.",
    "Ia berkata ‘tidak’ kepada wartawan.",
    "Pilihannya hanya antara bertahan dan pergi.",
    "Saat ini jumlah pengunjung telah melampaui target.",
    "Jakarta (ANTARA News) - Wakil Ketua DPR Agus Hermanto menilai rencana itu tepat.",
    "Hal itu disampaikan Ketua KPK Agus Rahardjo melalui surat resmi.",
    "Warga terpaksa mengungsi saat banjir datang.",
    "Kami harus mengalahkan mereka sebagai tim tamu.",
    '"Kami siap," kata Budi yang juga menjabat sebagai ketua panitia.',
    "Baca juga: Harga Beras Naik Lagi",
    '"This bridge will cut the walk," said council member Maria Ortiz.',
    "Hillary Clinton, at a later press gaggle, said, “I’ve been briefed.”",
    '"They are wrong," said 9/11 widow Terry Strada.',
    "If we do not act, we are not going to have a country.",
    "All we are asking for is an opportunity to be heard.",
    "Ia bergabung dengan tim itu sebagai pemain pinjaman.",
    "Ia bertahan di klub itu hingga 2021.",
    "Tim bermain bagus dengan mampu mencetak dua gol.",
    "Komputer biasa dengan dipasangkan di atas meja.",
    "Keterangan itu tercantum di berkas perkara.",
    "Ia aktif di berbagai kegiatan sosial.",
    "Skor akhir 3 - 5. Pertandingan berikutnya digelar Sabtu.",
    "Ganda putra Ahsan/Hendra menang mudah.",
    "Ia naik ke peringkat ke - 11 klasemen.",
    "Saga The Lord of the Rings dibuat ulang.",
    "Ahmad Darmawan, juga memberikan keterangan.",
    "Di dalam pembicaraan tersebut, mereka berharap bisa memperoleh hak partisipasi.",
    "In a statement, Husted said the court erred.",
    "In August, powered by more than 100 donors, the group grew.",
    "The former said he would appeal.",
    "But he said the plan would work.",
    "The briefing ended at 5:55 p.m. on Friday.",
    "Voters came in and out of the hall, to and from the polls.",
    "Debates in and of themselves are not enough.",
    "Menurut dia, rencana itu tepat.",
    "Pertandingan itu disiarkan Middle East Monitor (MEMO).",
    "Ia bergabung dengan The Beatles di Januari.",
    "Ia menegaskan bahwa pasar itu merupakan pasar yang penting.",
    "Kemenangan ini membuat mereka memimpin klasemen sementara.",
    "Kemenangan itu membuat medali perak terasa manis.",
    "Pada Mei, meningkat 5 persen dari bulan sebelumnya.",
    "Pada 2004, saat usianya masih 18 tahun, ia pernah mengikuti kontes kecantikan.",
    "Di samping itu, katanya, mereka mendorong generasi muda.",
    "Prosesor itu eksklusif untuk i7, seperti diberitakan.",
    "Ia merilis album bersama Johnson & Johnson.",
    "Ia akan bermain dengan melawan tim promosi.",
    "Hasilnya 2 + 2 sama dengan empat.",
    "Ketiga anggota polisi tersebut adalah Budi (33) dan Andi (35).",
    "Pola permainan tidak berubah di mana tuan rumah tetap mendominasi serangan.",
    "Dari perolehan dana segar ini, perusahaan akan membeli 4 ribu EDC.",
    "A poll suggested that Clinton has the lead in Ohio.",
    "Palmieri said she will address the comments in Florida.",
    "He said would-be voters stayed home.",
    "That is because he wants to junk personal exemptions.",
    "In interviews, she has questioned the need for moderators.",
    "Now it seems to have vanished from the campaign trail.",
    "He hoped it would encourage a dialogue among voters on difficult issues.",
    "The City Attorney said in the letter that the ad was misleading.",
    "A Clinton campaign spokesman said on Monday that she would win.",
    "At a rally Friday in Coral Springs, Florida, she questioned what kind of person does that.",
]


@pytest.mark.parametrize("text", WHOLE)
def test_the_same_shapes_with_nothing_dropped_are_not_flagged(text):
    assert gap_offsets(text) == ()
    assert not missing_entity(text)


def test_only_the_given_span_is_checked():
    text = "Semua baik. Konflik dengan ."
    assert not missing_entity(text, 0, 11)
    assert missing_entity(text, 12, len(text))
    assert gap_offsets(text, 12, len(text)) == (len(text) - 1,)


def test_a_sentence_opening_a_paragraph_after_an_abbreviation_is_read_for_a_missing_subject():
    text = "The briefing ended at 5:55 p.m.\n\nsays Clinton is lying."
    start = text.index("says")
    assert gap_offsets(text, start, len(text), "en") == (start,)
    continued = "The briefing ended at 5:55 p.m. on Friday."  # a sentence going on after the abbreviation
    assert gap_offsets(continued, continued.index("on"), len(continued), "en") == ()


def test_sentence_flags():
    text = "Delegasi , yang dipimpin oleh Marzouk."
    assert sentence_flags(text, 0, len(text)) == (MISSING_ENTITY,)
    assert sentence_flags("Semua baik.", 0, 11) == ()


# -- the seed article ------------------------------------------------------------------------

SEED_GAPS = [
    # (a piece of the claim's content, the text just before the gap, the text just after it)
    ("telah menunda pengiriman", "pernyataan bahwa ", "telah menunda"),
    ("pentingnya peran dalam mendukung", "pentingnya peran ", "dalam mendukung"),
    ("posisi teguh dalam", "posisi teguh ", "dalam mendukung"),
    ("Kami membutuhkan untuk", "Kami membutuhkan ", "untuk ikut"),
    ("harus hadir", "rekonstruksi Gaza. ", "harus hadir"),
    ("dan menyetujuinya, tetapi menolaknya", "PBB, dan ", "menyetujuinya"),
    ("dan menyetujuinya, tetapi menolaknya", "tetapi ", "menolaknya"),
]


@pytest.fixture(scope="module")
def seed_claims():
    return extract(SEED, lang="id").claims


@pytest.mark.parametrize(("piece", "before", "after"), SEED_GAPS)
def test_seed_claims_with_a_visible_gap_carry_missing_entity_and_where_it_is(seed_claims, piece, before, after):
    claim = next(c for c in seed_claims if piece in c.content)
    assert MISSING_ENTITY in claim.flags
    at = SEED.index(before + after) + len(before)
    assert at in claim.gaps


def test_the_seed_claim_whose_source_was_dropped_has_no_speaker(seed_claims):
    claim = next(c for c in seed_claims if "kedua pihak juga membahas" in c.content)
    assert claim.speaker is None  # `Mengutip pernyataan , menyebutkan`: not the last name before it
    assert MISSING_ENTITY in claim.flags
    assert SEED.index("pernyataan , menyebutkan") + len("pernyataan ") in claim.gaps


def test_seed_claims_with_no_gap_carry_no_flag(seed_claims):
    claim = next(c for c in seed_claims if "Moskow akan memberikan bantuan" in c.content)
    assert claim.flags == ()
    assert claim.gaps == ()


def test_gaps_are_serialised_next_to_flags(seed_claims):
    claim = next(c for c in seed_claims if "telah menunda" in c.content)
    row = claim_to_dict(claim)
    assert row["flags"] == [MISSING_ENTITY]
    assert row["gaps"] == list(claim.gaps) and row["gaps"]
    assert SEED[row["gaps"][0] :].startswith("telah menunda")


# -- a dropped speaker stays unknown --------------------------------------------------------

BEFORE_ID = "Menteri Budi Santoso mengatakan bahwa harga beras naik 10 persen pekan ini.\n"
BEFORE_EN = "Treasury Secretary Janet Smith said prices rose 10 percent this week.\n"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (BEFORE_ID + '"Kami sudah menyiapkan stok untuk dua bulan ke depan," kata .', "id"),
        (BEFORE_ID + '"Kami sudah menyiapkan stok untuk dua bulan ke depan," ujar kepada wartawan.', "id"),
        (BEFORE_ID + "mengatakan bahwa stok beras cukup untuk dua bulan ke depan.", "id"),
        (BEFORE_ID + "Sementara itu, Kepala , , menyatakan bahwa stok beras cukup untuk dua bulan.", "id"),
        (BEFORE_EN + '"We have enough stock for two months," said .', "en"),
        (BEFORE_EN + '"We have enough stock for two months," told reporters on Monday.', "en"),
        (BEFORE_EN + "City Attorney said the stock would last two months.", "en"),  # a title with no name
        (BEFORE_EN + "At a rally Friday in Coral Springs, Florida, said the stock would last two months.", "en"),
    ],
)
def test_a_dropped_speaker_is_left_unknown_not_the_last_one_named(text, lang):
    claims = extract(text, lang=lang).claims
    assert claims[0].speaker and claims[0].flags == ()
    later = [c for c in claims[1:] if "stock" in c.content or "stok" in c.content]
    assert later, claims
    for claim in later:
        assert claim.speaker is None
        assert MISSING_ENTITY in claim.flags and claim.gaps


def test_a_named_speaker_keeps_the_name_when_the_gap_is_elsewhere():
    text = BEFORE_ID + "Budi mengatakan bahwa pasokan terhambat oleh di pelabuhan."
    claim = extract(text, lang="id").claims[-1]
    assert claim.speaker == "Budi Santoso"
    assert MISSING_ENTITY in claim.flags


def test_empty_brackets_mark_the_abbreviation_and_a_name_missing_before_it():
    text = "Disiarkan Middle East Monitor (). Wisatawan asal () masih tertinggi."
    first, second = (i for i, ch in enumerate(text) if ch == "(")
    assert gap_offsets(text, 0, len(text), "id") == (first + 1, second, second + 1)


def test_a_speaker_named_before_empty_brackets_keeps_the_name():
    text = "Jakarta - Badan Pusat Statistik () mencatat kunjungan turis naik 5 persen pada Mei."
    speakers = [a.speaker for a in find_attributions(text, "id") if a.cue_start is not None]
    assert speakers and all(speakers), speakers
