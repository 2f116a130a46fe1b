//! Decided trees render what the style renders.

use super::*;
use crate::eval::{render_elements, CiteState, Context, Walk};
use crate::JsonItem;

/// Conditions of every kind a tree decides or keeps, mixed: types,
/// item variables, cite variables, is-numeric, uncertain dates,
/// positions and a `disambiguate` test, in all three match modes.
const STYLE: &str = r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>t</id><title>t</title></info>
  <macro name="kind">
<choose>
  <if type="book report" match="any"><text value="B"/></if>
  <else-if type="article-journal" variable="volume"><text value="AV"/></else-if>
  <else-if type="article-journal" variable="volume" match="none"><text value="N"/></else-if>
  <else-if type="chapter" disambiguate="true"><text value="D"/></else-if>
  <else><text value="E"/></else>
</choose>
  </macro>
  <macro name="detail">
<group delimiter="/">
  <choose>
    <if is-numeric="volume"><text variable="volume" prefix="v"/></if>
    <else-if variable="volume"><text value="textual"/></else-if>
  </choose>
  <choose>
    <if is-uncertain-date="issued"><text value="ca."/></if>
    <else-if disambiguate="true"><text value="dis"/></else-if>
  </choose>
  <choose>
    <if variable="locator page" match="all"><text variable="locator"/></if>
    <else-if variable="locator title" match="any"><text variable="title"/></else-if>
    <else-if position="subsequent" type="book"><text value="short"/></else-if>
  </choose>
  <choose>
    <if variable="edition" is-numeric="edition"><text variable="edition"/></if>
    <else-if match="none" variable="publisher" type="thesis"><text value="np"/></else-if>
  </choose>
  <names variable="author">
    <substitute>
      <choose><if type="book"><text value="anon"/></if></choose>
      <text variable="title"/>
    </substitute>
  </names>
</group>
  </macro>
  <macro name="title-only">
<text variable="title" font-style="italic"/>
  </macro>
  <macro name="edition-only">
<group><text variable="edition"/></group>
  </macro>
  <macro name="wrapped">
<group delimiter=" ">
  <text macro="title-only"/>
  <text macro="edition-only" prefix="(" suffix=")"/>
  <group><text variable="volume"/></group>
  <group><text variable="edition"/><group><text value="x"/></group></group>
  <group><text term="in"/><group><text variable="publisher"/></group></group>
  <group><names variable="author"/></group>
  <group delimiter=" "><text term="no-such-term"/><text variable="edition"/></group>
  <group><text term="in"/><group><text term="edition"/></group><text variable="archive"/></group>
  <group delimiter=" "><text term="and"/><names variable="translator"><substitute><names variable="illustrator"/><text variable="archive"/></substitute></names></group>
  <group delimiter=" "><text term="and"/><names variable="translator"><substitute><names variable="illustrator"/><text variable="title" form="short"/></substitute></names></group>
  <group delimiter=" "><text value="on"/><date variable="accessed" form="text"/><number variable="issue"/></group>
  <group delimiter=" "><label variable="page" form="short"/><text variable="page"/></group>
  <group delimiter=" "><text value="no"/><text variable="year-suffix"/><text variable="locator"/></group>
</group>
  </macro>
  <citation>
<layout delimiter="; ">
  <text macro="wrapped" suffix=": "/>
  <choose>
    <if position="first"><text macro="kind"/><text macro="detail" prefix=" "/></if>
    <else><text macro="kind" suffix="!"/><text macro="detail"/></else>
  </choose>
</layout>
  </citation>
</style>"#;

const ITEMS: &str = r#"[
  {"id":"a","type":"book","title":"T","volume":"3","author":[{"family":"F"}]},
  {"id":"b","type":"article-journal","title":"T","volume":"iii","page":"4","issue":"2","translator":[{"family":"Tr"}]},
  {"id":"c","type":"article-journal","edition":"2","publisher":"P"},
  {"id":"d","type":"chapter","issued":{"date-parts":[[1990]],"circa":true}},
  {"id":"e","type":"thesis","title":"T","edition":"second","title-short":"Sh","accessed":{"date-parts":[[2020,1,2]]}},
  {"id":"f","type":"report"},
  {"id":"g","type":"book"}
]"#;

fn count_chooses(elements: &[Element]) -> usize {
    elements
        .iter()
        .map(|e| match e {
            Element::Choose(c) => {
                1 + c
                    .branches
                    .iter()
                    .map(|b| count_chooses(&b.children))
                    .sum::<usize>()
                    + count_chooses(&c.otherwise)
            }
            Element::Group(g) => count_chooses(&g.children),
            Element::Names(n) => count_chooses(n.substitute.as_deref().unwrap_or(&[])),
            _ => 0,
        })
        .sum()
}

#[test]
fn a_decided_tree_renders_what_the_style_renders() {
    let style = Style::parse(STYLE).expect("the test style parses");
    let processor = crate::processor_with_locale(style, Some("en-US"), &crate::embedded_locales);
    let (style, locale) = (&processor.style, &processor.locale);
    let section = style.citation.as_ref().expect("a citation");
    let items = JsonItem::parse_array(ITEMS).expect("test items");
    let tested = Tested::of(style);
    let mut decided_some = false;
    for item in &items {
        let type_id = style.type_id(item.item_type());
        let facts = tested.answers(item, type_id);
        let by_type = ItemFacts {
            answers: None,
            ..facts
        };
        for facts in [facts, by_type] {
            let tree = Tree::for_item(style, locale, &facts);
            let before = count_chooses(&section.layout.elements)
                + style
                    .macros
                    .iter()
                    .map(|m| count_chooses(&m.elements))
                    .sum::<usize>();
            let after = count_chooses(&tree.citation)
                + tree.macros.iter().map(|m| count_chooses(m)).sum::<usize>();
            decided_some |= after < before;
            for position in [Position::First, Position::Subsequent] {
                for locator in [None, Some("12".to_string())] {
                    for disambiguate in [0, 1, 2] {
                        let cite = CiteState {
                            position: Some(position),
                            locator: locator.clone(),
                            disambiguate,
                            ..CiteState::default()
                        };
                        let render = |tree: Option<&Tree>| {
                            let walk = Walk::default();
                            let mut ctx = Context::new(style, locale, item, section, &cite, &walk);
                            let elements = match tree {
                                Some(tree) => {
                                    ctx.use_tree(tree);
                                    &tree.citation
                                }
                                None => &section.layout.elements,
                            };
                            let nodes = format!("{:?}", render_elements(&ctx, elements));
                            drop(ctx);
                            (nodes, format!("{:?}", walk.into_warnings()))
                        };
                        assert_eq!(
                            render(Some(&tree)),
                            render(None),
                            "item {} at {position:?}, locator {locator:?}, \
                             disambiguate {disambiguate}, decided {:?}",
                            item.id(),
                            facts.answers.is_some()
                        );
                    }
                }
            }
        }
    }
    assert!(decided_some, "no tree decided a choose");
}
