//! The bibliography written a block of entries at a time
//! (`Processor::write_bibliography_of`) is the same text as the whole
//! bibliography rendered first, also where subsequent-author-substitute
//! compares an entry with the last entry of the block before.

use kaynak_csl::output::BibliographyWriter;
use kaynak_csl::{self as csl, CslItem, Format, JsonItem, Style};

const STYLE: &str = r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>test</id><title>test</title></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute="———">
    <sort><key variable="author"/><key variable="issued"/></sort>
    <layout suffix="."><group delimiter=", "><names variable="author"><name/></names><text variable="title"/><date variable="issued"><date-part name="year"/></date></group></layout>
  </bibliography>
</style>"#;

/// More items than one block holds; around the first block's end, several
/// entries in a row share their author.
fn items(count: usize) -> String {
    let items: Vec<String> = (0..count)
        .map(|i| {
            // sorts between Author04089 and Author04100, at positions
            // 4090–4099 of the bibliography: across the first block's end
            let family = if (4090..4100).contains(&i) {
                "Author04090x".to_string()
            } else {
                format!("Author{i:05}")
            };
            format!(
                r#"{{"id": "it{i}", "type": "book", "title": "Title {i}", "author": [{{"family": "{family}", "given": "A."}}], "issued": {{"date-parts": [[{}]]}}}}"#,
                1900 + i % 100
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

#[test]
fn blocks_write_the_same_bibliography_as_one_render() {
    let json = items(4300);
    let items = JsonItem::parse_array(&json).expect("test items");
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let style = Style::parse(STYLE).expect("style");
    let processor = csl::processor_with_locale(style, Some("en-US"), &csl::embedded_locales);
    for format in [Format::Text, Format::Html] {
        let rendered = processor.process(&refs, &[]);
        let bibliography = rendered.bibliography.expect("a bibliography");
        let mut whole = BibliographyWriter::new(String::new(), format);
        processor
            .write_bibliography(&bibliography, &mut whole, format)
            .expect("written");
        let whole = whole.finish();

        let mut blocks = BibliographyWriter::new(String::new(), format);
        let (written, warnings) = processor.write_bibliography_of(&refs, &mut blocks, format);
        written.expect("written");
        assert_eq!(warnings.len(), rendered.warnings.len());
        let blocks = blocks.finish();
        assert_eq!(blocks, whole, "{format:?}");
        if format == Format::Text {
            // the run of one author crosses the first block's end
            assert_eq!(blocks.matches("———").count(), 9, "{}", &blocks[..200]);
        }
    }
}
