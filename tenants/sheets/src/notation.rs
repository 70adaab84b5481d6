//! The prescription notations coaches write (`3x2 @ 80%`, `70/3, 80/2x3`, `(1+2)x4 @ 75%`…), read into sets.
//!
//! A small hand-written tokenizer and recursive-descent parser: the grammar is tiny, and this way every
//! refusal is deliberate rather than a regular expression's accident.

/// How heavy the sets of a prescription are, before the reference lift is known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Load {
    Percent { min: f64, max: f64 },
    Kg(f64),
    Rpe { min: f64, max: f64 },
    Free,
}

/// One set as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SetDraft {
    pub reps: u32,
    pub load: Load,
}

/// A prescription read from its cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Prescription {
    pub sets: Vec<SetDraft>,
    /// The reps of each exercise of a complex, when written as `(1+2+1)`.
    pub parts: Option<Vec<u32>>,
}

/// Why a prescription was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotationError {
    Unreadable,
    TooManySets,
}

pub(crate) const MAX_REPS: u32 = 50;
pub(crate) const MAX_SETS: usize = 30;
pub(crate) const MAX_PARTS: usize = 6;

/// Reads a prescription; the text may join several cells with spaces.
pub(crate) fn parse(text: &str) -> Result<Prescription, NotationError> {
    let tokens = tokenize(text).ok_or(NotationError::Unreadable)?;
    let mut parser = Parser { tokens: &tokens, at: 0 };
    let prescription = if tokens.contains(&Token::Slash) { parser.slash_form() } else { parser.standard_form() }
        .ok_or(NotationError::Unreadable)?;
    check_limits(&prescription)?;
    Ok(prescription)
}

/// Whether the text is made of notation symbols only, to tell a prescription piece from a note.
pub(crate) fn looks_like_notation(text: &str) -> bool {
    tokenize(text).is_some_and(|tokens| !tokens.is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Num(f64),
    Times,
    At,
    Percent,
    Slash,
    Plus,
    Open,
    Close,
    Dash,
    Kg,
    Rpe,
    Sep,
}

fn tokenize(text: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_ascii_digit() {
            let (number, next) = read_number(&chars, i)?;
            tokens.push(Token::Num(number));
            i = next;
            continue;
        }
        if c.is_alphabetic() {
            let start = i;
            while chars.get(i).is_some_and(|c| c.is_alphabetic()) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            tokens.push(match word.as_str() {
                "x" => Token::Times,
                "kg" | "kgs" => Token::Kg,
                "rpe" => Token::Rpe,
                _ => return None,
            });
            continue;
        }
        i += 1;
        let token = match c {
            '×' | '*' => Token::Times,
            '@' => Token::At,
            '%' => Token::Percent,
            '/' => Token::Slash,
            '+' => Token::Plus,
            '(' => Token::Open,
            ')' => Token::Close,
            '-' | '–' | '—' => Token::Dash,
            ',' | ';' => Token::Sep,
            c if c.is_whitespace() => continue,
            _ => return None,
        };
        tokens.push(token);
    }
    Some(tokens)
}

/// Reads a number at `start`. A comma is a decimal mark only before a unit (`72,5kg`, `72,5 %`), because
/// elsewhere it separates pieces (`70/3,75/2`).
fn read_number(chars: &[char], start: usize) -> Option<(f64, usize)> {
    let digits_end = |from: usize| (from..).find(|&j| !chars.get(j).is_some_and(char::is_ascii_digit)).unwrap_or(from);
    let mut end = digits_end(start);
    let mut text: String = chars[start..end].iter().collect();
    let mark = chars.get(end).copied();
    let next_is_digit = chars.get(end + 1).is_some_and(char::is_ascii_digit);
    if next_is_digit && (mark == Some('.') || (mark == Some(',') && unit_follows(chars, digits_end(end + 1)))) {
        let fraction_end = digits_end(end + 1);
        text.push('.');
        text.extend(&chars[end + 1..fraction_end]);
        end = fraction_end;
    }
    Some((text.parse().ok()?, end))
}

fn unit_follows(chars: &[char], mut at: usize) -> bool {
    while chars.get(at).is_some_and(|c| c.is_whitespace()) {
        at += 1;
    }
    chars.get(at) == Some(&'%') || (chars.get(at) == Some(&'k') && chars.get(at + 1) == Some(&'g'))
}

struct Parser<'t> {
    tokens: &'t [Token],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self, ahead: usize) -> Option<Token> {
        self.tokens.get(self.at + ahead).copied()
    }

    fn eat(&mut self, token: Token) -> bool {
        let found = self.peek(0) == Some(token);
        if found {
            self.at += 1;
        }
        found
    }

    fn done(&self) -> bool {
        self.at >= self.tokens.len()
    }

    fn number(&mut self) -> Option<f64> {
        let Some(Token::Num(n)) = self.peek(0) else { return None };
        self.at += 1;
        Some(n)
    }

    fn count(&mut self) -> Option<u32> {
        let n = self.number()?;
        (n.fract() == 0.0 && (0.0..=1000.0).contains(&n)).then_some(n as u32)
    }

    /// `3x2 @ 80%`, `80% 3x2`, `(1+2+1)x4 @ 75%`, `3x5 @ RPE 8`, `5`.
    fn standard_form(&mut self) -> Option<Prescription> {
        let before = if self.intensity_starts_here() { Some(self.intensity(false)?) } else { None };
        let (sets, reps, parts) = self.sets_and_reps()?;
        let after = if self.eat(Token::At) || !self.done() { Some(self.intensity(true)?) } else { None };
        if !self.done() || (before.is_some() && after.is_some()) {
            return None;
        }
        let load = before.or(after).unwrap_or(Load::Free);
        Some(Prescription { sets: vec![SetDraft { reps, load }; sets as usize], parts })
    }

    fn intensity_starts_here(&self) -> bool {
        let unit = |t: Option<Token>| matches!(t, Some(Token::Percent | Token::Kg | Token::Rpe));
        match (self.peek(0), self.peek(1), self.peek(2)) {
            (Some(Token::Rpe), _, _) => true,
            (Some(Token::Num(_)), Some(Token::Dash), Some(Token::Num(_))) => unit(self.peek(3)),
            (Some(Token::Num(_)), next, _) => unit(next),
            _ => false,
        }
    }

    /// `80%`, `75-80%`, `100kg`, `RPE 8`, `RPE 7-8`, `8 RPE`; a bare number is a percentage where `bare` allows.
    fn intensity(&mut self, bare: bool) -> Option<Load> {
        if self.eat(Token::Rpe) {
            let (min, max) = self.range()?;
            return Some(Load::Rpe { min, max });
        }
        let (min, max) = self.range()?;
        if self.eat(Token::Percent) {
            Some(Load::Percent { min, max })
        } else if self.eat(Token::Kg) {
            (min == max).then_some(Load::Kg(min))
        } else if self.eat(Token::Rpe) {
            Some(Load::Rpe { min, max })
        } else {
            bare.then_some(Load::Percent { min, max })
        }
    }

    fn range(&mut self) -> Option<(f64, f64)> {
        let min = self.number()?;
        let max = if self.eat(Token::Dash) { self.number()? } else { min };
        Some((min, max))
    }

    /// Sets, reps per set and the complex's part reps: `3x2`, `(1+2)x4`, `1+2`, `4x(1+2)`, `5`.
    fn sets_and_reps(&mut self) -> Option<(u32, u32, Option<Vec<u32>>)> {
        if self.peek(0) == Some(Token::Open) {
            let parts = self.parts()?;
            let sets = if self.eat(Token::Times) { self.count()? } else { 1 };
            return Some((sets, 1, Some(parts)));
        }
        let first = self.count()?;
        if self.peek(0) == Some(Token::Plus) {
            let parts = self.more_parts(first)?;
            let sets = if self.eat(Token::Times) { self.count()? } else { 1 };
            return Some((sets, 1, Some(parts)));
        }
        if !self.eat(Token::Times) {
            return Some((1, first, None));
        }
        if self.peek(0) == Some(Token::Open) {
            return Some((first, 1, Some(self.parts()?)));
        }
        Some((first, self.count()?, None))
    }

    /// `(1+2+1)`.
    fn parts(&mut self) -> Option<Vec<u32>> {
        if !self.eat(Token::Open) {
            return None;
        }
        let first = self.count()?;
        let parts = self.more_parts(first)?;
        self.eat(Token::Close).then_some(parts)
    }

    fn more_parts(&mut self, first: u32) -> Option<Vec<u32>> {
        let mut parts = vec![first];
        while self.eat(Token::Plus) {
            parts.push(self.count()?);
        }
        Some(parts)
    }

    /// `70/3, 75/2, 80/2x3`: load / reps × sets, pieces separated by commas, semicolons or spaces.
    fn slash_form(&mut self) -> Option<Prescription> {
        let mut sets = Vec::new();
        let mut parts: Option<Vec<u32>> = None;
        loop {
            while self.eat(Token::Sep) {}
            if self.done() {
                break;
            }
            let load = self.intensity(true)?;
            if !self.eat(Token::Slash) {
                return None;
            }
            let reps = if self.peek(0) == Some(Token::Open) {
                let piece_parts = self.parts()?;
                if parts.as_ref().is_some_and(|known| *known != piece_parts) {
                    return None;
                }
                parts = Some(piece_parts);
                1
            } else {
                self.count()?
            };
            let count = if self.eat(Token::Times) { self.count()? } else { 1 };
            if count == 0 || sets.len() + count as usize > MAX_SETS * 4 {
                return None;
            }
            sets.extend(std::iter::repeat_n(SetDraft { reps, load: load.clone() }, count as usize));
        }
        Some(Prescription { sets, parts })
    }
}

fn check_limits(prescription: &Prescription) -> Result<(), NotationError> {
    let reps_ok = |reps: u32| (1..=MAX_REPS).contains(&reps);
    if prescription.sets.is_empty() {
        return Err(NotationError::Unreadable);
    }
    if let Some(parts) = &prescription.parts
        && (parts.len() > MAX_PARTS || !parts.iter().all(|r| reps_ok(*r)))
    {
        return Err(NotationError::Unreadable);
    }
    for set in &prescription.sets {
        if !reps_ok(set.reps) || !load_ok(&set.load) {
            return Err(NotationError::Unreadable);
        }
    }
    if prescription.sets.len() > MAX_SETS {
        return Err(NotationError::TooManySets);
    }
    Ok(())
}

fn load_ok(load: &Load) -> bool {
    let by_halves = |v: f64| (v * 2.0).fract() == 0.0;
    match *load {
        Load::Percent { min, max } => (1.0..=150.0).contains(&min) && (1.0..=150.0).contains(&max) && min <= max,
        Load::Kg(kg) => (0.0..=500.0).contains(&kg),
        Load::Rpe { min, max } => {
            (1.0..=10.0).contains(&min) && (1.0..=10.0).contains(&max) && min <= max && by_halves(min) && by_halves(max)
        }
        Load::Free => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sets(text: &str) -> Vec<(u32, Load)> {
        parse(text).expect(text).sets.into_iter().map(|s| (s.reps, s.load)).collect()
    }

    fn pct(v: f64) -> Load {
        Load::Percent { min: v, max: v }
    }

    #[test]
    fn sets_by_reps_at_a_percentage() {
        let expected = vec![(2, pct(80.0)); 3];
        for text in ["3x2 @ 80%", "3×2@80", "3 x 2 @ 80 %", "3*2@80%", "3X2 @80%", "80% 3x2", "3x2 80%"] {
            assert_eq!(sets(text), expected, "{text}");
        }
        assert_eq!(parse("3*2").expect("3*2").sets, vec![SetDraft { reps: 2, load: Load::Free }; 3]);
    }

    #[test]
    fn load_slash_reps_times_sets() {
        let expected = vec![(3, pct(70.0)), (2, pct(75.0)), (2, pct(80.0)), (2, pct(80.0)), (2, pct(80.0))];
        for text in
            ["70/3, 75/2, 80/2x3", "70/3;75/2;80/2x3", "70/3 75/2 80/2x3", "70/3,75/2,80/2x3", "70%/3 75%/2 80%/2x3"]
        {
            assert_eq!(sets(text), expected, "{text}");
        }
    }

    #[test]
    fn complexes_give_the_reps_of_each_part() {
        let complex = parse("(1+2+1)x4 @ 75%").expect("complex");
        assert_eq!(complex.parts, Some(vec![1, 2, 1]));
        assert_eq!(complex.sets, vec![SetDraft { reps: 1, load: pct(75.0) }; 4]);
        let plain = parse("4x1 @ 75%").expect("plain");
        assert_eq!(plain.parts, None);
        let slashed = parse("75/(1+1)x3, 80/(1+1)").expect("slashed complex");
        assert_eq!(slashed.parts, Some(vec![1, 1]));
        assert_eq!(slashed.sets.len(), 4);
        assert_eq!(parse("1+2").expect("bare complex").parts, Some(vec![1, 2]));
        assert_eq!(parse("75/(1+1), 80/(1+2)"), Err(NotationError::Unreadable));
    }

    #[test]
    fn ranges_kilograms_and_rpe() {
        assert_eq!(sets("3x2 @ 75-80%"), vec![(2, Load::Percent { min: 75.0, max: 80.0 }); 3]);
        assert_eq!(sets("3x2 @ 75–80 %"), vec![(2, Load::Percent { min: 75.0, max: 80.0 }); 3]);
        assert_eq!(sets("3x2 @ 100kg"), vec![(2, Load::Kg(100.0)); 3]);
        assert_eq!(sets("100kg 3x2"), vec![(2, Load::Kg(100.0)); 3]);
        assert_eq!(sets("100kg/3x2"), vec![(3, Load::Kg(100.0)); 2]);
        assert_eq!(sets("3x2 @ 72,5kg"), vec![(2, Load::Kg(72.5)); 3]);
        assert_eq!(sets("72,5 kg/3"), vec![(3, Load::Kg(72.5))]);
        assert_eq!(sets("3x5 @ RPE 8"), vec![(5, Load::Rpe { min: 8.0, max: 8.0 }); 3]);
        assert_eq!(sets("3x5 RPE 7-8"), vec![(5, Load::Rpe { min: 7.0, max: 8.0 }); 3]);
        assert_eq!(sets("RPE 7.5 3x5"), vec![(5, Load::Rpe { min: 7.5, max: 7.5 }); 3]);
    }

    #[test]
    fn without_intensity_sets_are_free() {
        assert_eq!(sets("3x5"), vec![(5, Load::Free); 3]);
        assert_eq!(sets("5"), vec![(5, Load::Free)]);
    }

    #[test]
    fn refuses_what_is_out_of_bounds_or_unreadable() {
        for text in [
            "3x51",
            "3x0",
            "3x2 @ 151%",
            "3x2 @ 0%",
            "3x2 @ 501kg",
            "3x5 @ RPE 11",
            "3x5 @ RPE 7.3",
            "3x2 @ 80-75%",
            "(1+1+1+1+1+1+1)x2",
            "3x2 @ 80% 90%",
            "80% 3x2 @ 90%",
            "trois séries",
            "3x",
            "x3",
            "70/",
            "/3",
            "",
            "3x2.5",
            "70/3 foo",
        ] {
            assert_eq!(parse(text), Err(NotationError::Unreadable), "{text}");
        }
        assert_eq!(parse("31x2"), Err(NotationError::TooManySets));
        assert_eq!(parse("70/2x20, 80/2x11"), Err(NotationError::TooManySets));
        assert!(parse("30x2 @ 80%").is_ok());
        assert!(parse("0kg/5").is_ok(), "an empty bar is a load");
    }
}
