/**
 * Aircraft registration (nationality mark) prefixes → State of registry, ISO alpha-2. Facts from
 * the ITU/ICAO nationality-mark allocations; the most common ~150, with every State of the
 * Caribbean region. Overseas territories have their own marks where they keep a register (PJ
 * Curaçao/Sint Maarten/Caribbean Netherlands, P4 Aruba, VP-C Cayman, VQ-B/VP-B Bermuda…).
 * Limitations: "B-" is read as China (Taiwan also uses B- with five digits); "F-O" French
 * overseas registrations map to France.
 */
export interface RegistrationPrefix {
  prefix: string;
  country: string;
  name: string;
}

const P = (prefix: string, country: string, name: string): RegistrationPrefix => ({ prefix, country, name });

export const REGISTRATION_PREFIXES: readonly RegistrationPrefix[] = [
  // Caribbean, Central and South America
  P("CU", "CU", "Cuba"), P("YV", "VE", "Venezuela"), P("PJ", "CW", "Curaçao / Sint Maarten / Caribbean Netherlands"),
  P("P4", "AW", "Aruba"), P("HK", "CO", "Colombia"), P("HP", "PA", "Panama"), P("6Y", "JM", "Jamaica"),
  P("HI", "DO", "Dominican Republic"), P("HH", "HT", "Haiti"), P("C6", "BS", "Bahamas"), P("VP-C", "KY", "Cayman Islands"),
  P("VP-B", "BM", "Bermuda"), P("VQ-B", "BM", "Bermuda"), P("VQ-T", "TC", "Turks and Caicos Islands"),
  P("VP-A", "AI", "Anguilla"), P("VP-L", "VG", "British Virgin Islands"), P("VP-M", "MS", "Montserrat"),
  P("J3", "GD", "Grenada"), P("J6", "LC", "Saint Lucia"), P("J7", "DM", "Dominica"), P("J8", "VC", "Saint Vincent and the Grenadines"),
  P("V2", "AG", "Antigua and Barbuda"), P("V4", "KN", "Saint Kitts and Nevis"), P("8P", "BB", "Barbados"),
  P("9Y", "TT", "Trinidad and Tobago"), P("8R", "GY", "Guyana"), P("PZ", "SR", "Suriname"),
  P("XA", "MX", "Mexico"), P("XB", "MX", "Mexico"), P("XC", "MX", "Mexico"), P("TG", "GT", "Guatemala"),
  P("TI", "CR", "Costa Rica"), P("HR", "HN", "Honduras"), P("YN", "NI", "Nicaragua"), P("YS", "SV", "El Salvador"),
  P("V3", "BZ", "Belize"), P("HC", "EC", "Ecuador"), P("OB", "PE", "Peru"), P("CP", "BO", "Bolivia"), P("CC", "CL", "Chile"),
  P("LV", "AR", "Argentina"), P("LQ", "AR", "Argentina"), P("CX", "UY", "Uruguay"), P("ZP", "PY", "Paraguay"),
  P("PP", "BR", "Brazil"), P("PR", "BR", "Brazil"), P("PS", "BR", "Brazil"), P("PT", "BR", "Brazil"), P("PU", "BR", "Brazil"),
  P("N", "US", "United States"), P("C", "CA", "Canada"),
  // Europe
  P("G", "GB", "United Kingdom"), P("M", "IM", "Isle of Man"), P("2", "GG", "Guernsey"), P("EI", "IE", "Ireland"),
  P("F", "FR", "France"), P("D", "DE", "Germany"), P("OO", "BE", "Belgium"), P("PH", "NL", "Netherlands"),
  P("LX", "LU", "Luxembourg"), P("HB", "CH", "Switzerland / Liechtenstein"), P("OE", "AT", "Austria"), P("I", "IT", "Italy"),
  P("EC", "ES", "Spain"), P("CS", "PT", "Portugal"), P("SE", "SE", "Sweden"), P("LN", "NO", "Norway"), P("OH", "FI", "Finland"),
  P("OY", "DK", "Denmark"), P("TF", "IS", "Iceland"), P("SP", "PL", "Poland"), P("OK", "CZ", "Czechia"), P("OM", "SK", "Slovakia"),
  P("HA", "HU", "Hungary"), P("YR", "RO", "Romania"), P("LZ", "BG", "Bulgaria"), P("SX", "GR", "Greece"), P("9A", "HR", "Croatia"),
  P("S5", "SI", "Slovenia"), P("YU", "RS", "Serbia"), P("4O", "ME", "Montenegro"), P("Z3", "MK", "North Macedonia"),
  P("ZA", "AL", "Albania"), P("E7", "BA", "Bosnia and Herzegovina"), P("9H", "MT", "Malta"), P("5B", "CY", "Cyprus"),
  P("TC", "TR", "Turkey"), P("UR", "UA", "Ukraine"), P("EW", "BY", "Belarus"), P("ER", "MD", "Moldova"), P("ES", "EE", "Estonia"),
  P("YL", "LV", "Latvia"), P("LY", "LT", "Lithuania"), P("4L", "GE", "Georgia"), P("EK", "AM", "Armenia"), P("4K", "AZ", "Azerbaijan"),
  P("RA", "RU", "Russia"), P("RF", "RU", "Russia (state aircraft)"), P("UP", "KZ", "Kazakhstan"), P("EX", "KG", "Kyrgyzstan"),
  P("EY", "TJ", "Tajikistan"), P("EZ", "TM", "Turkmenistan"), P("UK", "UZ", "Uzbekistan"),
  // Middle East and Asia
  P("EP", "IR", "Iran"), P("YI", "IQ", "Iraq"), P("YK", "SY", "Syria"), P("OD", "LB", "Lebanon"), P("JY", "JO", "Jordan"),
  P("4X", "IL", "Israel"), P("HZ", "SA", "Saudi Arabia"), P("A6", "AE", "United Arab Emirates"), P("A7", "QA", "Qatar"),
  P("A9C", "BH", "Bahrain"), P("9K", "KW", "Kuwait"), P("A4O", "OM", "Oman"), P("7O", "YE", "Yemen"), P("AP", "PK", "Pakistan"),
  P("YA", "AF", "Afghanistan"), P("VT", "IN", "India"), P("4R", "LK", "Sri Lanka"), P("S2", "BD", "Bangladesh"), P("9N", "NP", "Nepal"),
  P("B", "CN", "China"), P("B-H", "HK", "Hong Kong"), P("B-K", "HK", "Hong Kong"), P("B-L", "HK", "Hong Kong"), P("B-M", "MO", "Macao"),
  P("JA", "JP", "Japan"), P("HL", "KR", "South Korea"), P("P", "KP", "North Korea"), P("HS", "TH", "Thailand"), P("XU", "KH", "Cambodia"),
  P("RDPL", "LA", "Laos"), P("XY", "MM", "Myanmar"), P("XZ", "MM", "Myanmar"), P("9M", "MY", "Malaysia"), P("9V", "SG", "Singapore"),
  P("PK", "ID", "Indonesia"), P("RP", "PH", "Philippines"), P("VN", "VN", "Vietnam"), P("VH", "AU", "Australia"), P("ZK", "NZ", "New Zealand"),
  // Africa
  P("SU", "EG", "Egypt"), P("5A", "LY", "Libya"), P("7T", "DZ", "Algeria"), P("CN", "MA", "Morocco"), P("TS", "TN", "Tunisia"),
  P("ST", "SD", "Sudan"), P("ET", "ET", "Ethiopia"), P("5Y", "KE", "Kenya"), P("5H", "TZ", "Tanzania"), P("5X", "UG", "Uganda"),
  P("9XR", "RW", "Rwanda"), P("ZS", "ZA", "South Africa"), P("ZT", "ZA", "South Africa"), P("ZU", "ZA", "South Africa"),
  P("V5", "NA", "Namibia"), P("A2", "BW", "Botswana"), P("Z", "ZW", "Zimbabwe"), P("9J", "ZM", "Zambia"), P("C9", "MZ", "Mozambique"),
  P("D2", "AO", "Angola"), P("9Q", "CD", "DR Congo"), P("TN", "CG", "Republic of the Congo"), P("TR", "GA", "Gabon"),
  P("TJ", "CM", "Cameroon"), P("5N", "NG", "Nigeria"), P("9G", "GH", "Ghana"), P("TU", "CI", "Côte d'Ivoire"), P("6V", "SN", "Senegal"),
  P("TZ", "ML", "Mali"), P("5U", "NE", "Niger"), P("TT", "TD", "Chad"), P("5R", "MG", "Madagascar"), P("3B", "MU", "Mauritius"),
  P("S7", "SC", "Seychelles"), P("D4", "CV", "Cabo Verde"),
];
